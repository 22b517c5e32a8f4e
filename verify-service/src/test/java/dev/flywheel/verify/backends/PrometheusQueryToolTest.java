package dev.flywheel.verify.backends;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.flywheel.verify.TestApi;
import dev.flywheel.verify.TestData;
import dev.flywheel.verify.incident.Incident;
import dev.flywheel.verify.incident.TestIncidents;
import dev.flywheel.verify.tool.prometheus.PromQlBuilder;
import dev.flywheel.verify.tool.prometheus.RecordedPrometheus;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code prometheus_query} against a WireMock Prometheus HTTP API, serving hand-written answers and
 * answers recorded from a real Prometheus 2.42 ({@link RecordedPrometheus}).
 */
@QuarkusTest
@WithKubernetesTestServer
@WithTestResource(PrometheusServer.class)
class PrometheusQueryToolTest {

    private static final String QUERY_PATH = "/api/v1/query";
    private static final String ACTION = "restart_container";
    private static final String HOSTILE = "\"} or vector(1) or {x=\"";

    @PrometheusServer.Inject
    WireMockServer prometheus;

    private static String vector(String container, double value) {
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"container_name\":\""
                + container + "\"},\"value\":[1763700000.123,\"" + value + "\"]}]}}";
    }

    private List<String> queriesContaining(String marker) {
        return prometheus.findAll(getRequestedFor(urlPathEqualTo(QUERY_PATH))).stream()
                .map(LoggedRequest::getUrl)
                .map(url -> URLDecoder.decode(url.substring(url.indexOf("query=") + 6), StandardCharsets.UTF_8))
                .filter(query -> query.contains(marker))
                .toList();
    }

    /** Serves {@code answer} for its own query, as the real Prometheus did, and asks the tool for it. */
    private ValidatableResponse executeRecorded(RecordedPrometheus answer) {
        prometheus.stubFor(get(urlPathEqualTo(QUERY_PATH)).withQueryParam("query", equalTo(answer.query()))
                .willReturn(aResponse().withStatus(answer.status()).withHeader("Content-Type", "application/json")
                        .withBody(answer.body())));
        return given().contentType(ContentType.JSON).body(Map.of("query", answer.query()))
                .post("/api/tools/prometheus_query/execute").then().statusCode(200);
    }

    private Incident dockerMemoryIncident(String container) {
        return TestIncidents.incident(TestIncidents.freshId(), Map.of(
                "alertname", "DockerContainerMemoryLimitPressure", "host", "110", "container_name", container));
    }

    private void answerRatio(String container, String value) {
        prometheus.stubFor(get(urlPathEqualTo(QUERY_PATH)).withQueryParam("query", containing(container))
                .willReturn(okJson("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":"
                        + "{\"container_name\":\"" + container + "\",\"host\":\"110\"},\"value\":[1795960705.131,\"" + value + "\"]}]}}")));
    }

    @Test
    void aRealVectorAnswerGivesEachSeriesWithItsLabelsAndNumber() {
        executeRecorded(RecordedPrometheus.INSTANT_UP)
                .body("success", is(true))
                .body("output.query", is("up"))
                .body("output.result_type", is("vector"))
                .body("output.samples", hasSize(1))
                .body("output.samples[0].metric.job", is("prometheus"))
                .body("output.samples[0].value", is(1.0f));
    }

    @Test
    void aRealVectorWithNanAndMinusInfKeepsThem() {
        executeRecorded(RecordedPrometheus.INSTANT_VECTOR_MIXED)
                .body("success", is(true))
                .body("output.samples.metric.k", contains("a", "b", "c"))
                .body("output.samples[0].value", is(1.0f))
                .body("output.samples[1].value", is("NaN"))
                .body("output.samples[2].value", is("-Inf"));
    }

    @ParameterizedTest
    @EnumSource(value = RecordedPrometheus.class, names = {"INSTANT_NUMBER", "INSTANT_SCALAR_OF_VECTOR"})
    void aRealScalarAnswerIsOneSample(RecordedPrometheus answer) {
        executeRecorded(answer)
                .body("success", is(true))
                .body("output.result_type", is("scalar"))
                .body("output.samples", hasSize(1))
                .body("output.samples[0].metric", anEmptyMap())
                .body("output.samples[0].value", is(1.0f));
    }

    @Test
    void realScalarInfinitiesAndNanAreKept() {
        executeRecorded(RecordedPrometheus.INSTANT_POSITIVE_INFINITY).body("output.samples[0].value", is("+Inf"));
        executeRecorded(RecordedPrometheus.INSTANT_NEGATIVE_INFINITY).body("output.samples[0].value", is("-Inf"));
        executeRecorded(RecordedPrometheus.INSTANT_NAN)
                .body("output.result_type", is("scalar"))
                .body("output.samples[0].value", is("NaN"));
    }

    @Test
    void aRealStringAnswerIsItsText() {
        executeRecorded(RecordedPrometheus.INSTANT_STRING)
                .body("success", is(true))
                .body("output.result_type", is("string"))
                .body("output.samples[0].value", is("a string"));
    }

    @Test
    void aRealRangeVectorAnswerKeepsItsValuesWithTimestamps() {
        int recorded = JsonPath.from(RecordedPrometheus.INSTANT_MATRIX.body()).getList("data.result[0].values").size();
        executeRecorded(RecordedPrometheus.INSTANT_MATRIX)
                .body("success", is(true))
                .body("output.result_type", is("matrix"))
                .body("output.samples", nullValue())
                .body("output.series", hasSize(1))
                .body("output.series[0].metric.job", is("prometheus"))
                .body("output.series[0].values", hasSize(recorded))
                .body("output.series[0].values.value", everyItem(is(1.0f)))
                .body("output.series[0].values[0].timestamp", is(1795960670.944f));
    }

    @ParameterizedTest
    @EnumSource(value = RecordedPrometheus.class, names = {"INSTANT_PARSE_ERROR", "INSTANT_SCALAR_OF_NUMBER_ERROR",
            "INSTANT_EXECUTION_ERROR"})
    void aRealErrorAnswerIsAFailedReadNamingItsTypeAndMessage(RecordedPrometheus answer) {
        String error = JsonPath.from(answer.body()).getString("error");
        String type = JsonPath.from(answer.body()).getString("errorType");
        executeRecorded(answer)
                .body("success", is(false))
                .body("output", anEmptyMap())
                .body("error", is("Prometheus answered " + answer.status() + " (" + type + "): " + error));
    }

    @Test
    void aRealErrorCallIsAuditedAsAFailure() {
        String incidentId = TestIncidents.freshId();
        prometheus.stubFor(get(urlPathEqualTo(QUERY_PATH)).withQueryParam("query", equalTo("up{"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody(RecordedPrometheus.INSTANT_PARSE_ERROR.body())));
        given().contentType(ContentType.JSON).body(Map.of("query", "up{", "_mcp_audit", Map.of("incident_id", incidentId,
                        "session_id", "incident:" + incidentId + ":manual", "flywheel_node", "verify", "agent_role", "operator")))
                .post("/api/tools/prometheus_query/execute").then().statusCode(200).body("success", is(false));

        given().get("/api/incidents/{id}/tool-calls", incidentId).then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].tool", is("prometheus_query"))
                .body("items[0].success", is(false))
                .body("items[0].error", startsWith("Prometheus answered 400 (bad_data)"));
    }

    @Test
    void aNanMemoryRatioThatARestartLeftUnchangedIsNotASuccess() {
        String container = "nan-" + UUID.randomUUID();
        answerRatio(container, "NaN");
        Incident incident = dockerMemoryIncident(container);
        UUID snapshot = TestApi.preState(incident);

        JsonPath done = TestApi.verifyAndWait(TestData.verification(incident, ACTION, 0, snapshot));

        assertThat(done.getString("post_state.prometheus_query.samples[0].value")).isEqualTo("NaN");
        assertThat(done.getString("result")).isEqualTo("degraded");
    }

    @Test
    void aPlusInfMemoryRatioIsNotASuccessWhereAFiniteOneIs() {
        String infinite = "inf-" + UUID.randomUUID();
        String finite = "finite-" + UUID.randomUUID();
        answerRatio(infinite, "+Inf");
        answerRatio(finite, "0.25");
        Incident infiniteIncident = dockerMemoryIncident(infinite);
        Incident finiteIncident = dockerMemoryIncident(finite);
        UUID infiniteSnapshot = TestApi.preState(infiniteIncident);
        UUID finiteSnapshot = TestApi.preState(finiteIncident);

        assertThat(TestApi.verifyAndWait(TestData.verification(infiniteIncident, ACTION, 0, infiniteSnapshot))
                .getString("result")).isEqualTo("degraded");
        // The same unchanged reading, finite, after a restart: the rule of SPEC §6 (3) gives success.
        assertThat(TestApi.verifyAndWait(TestData.verification(finiteIncident, ACTION, 0, finiteSnapshot))
                .getString("result")).isEqualTo("success");
    }

    @Test
    void aLabelValueThatSpellsAFailureDoesNotFailTheVerification() {
        String container = "crashloopbackoff-demo-" + UUID.randomUUID();
        answerRatio(container, "0.3");

        JsonPath done = TestApi.verifyAndWait(TestData.verification(dockerMemoryIncident(container), ACTION, 0));

        assertThat(done.getString("post_state.prometheus_query.samples[0].metric.container_name")).isEqualTo(container);
        assertThat(done.getString("result")).isEqualTo("degraded");
    }

    @Test
    void anInstantQueryAnswersItsSamples() {
        String container = "c-" + UUID.randomUUID();
        prometheus.stubFor(get(urlPathEqualTo(QUERY_PATH)).withQueryParam("query", containing(container))
                .willReturn(okJson(vector(container, 0.42))));

        JsonPath result = given().contentType(ContentType.JSON)
                .body(Map.of("query", "docker_container_memory_usage_bytes{container_name=\"" + container + "\"}"))
                .post("/api/tools/prometheus_query/execute").then().statusCode(200).extract().jsonPath();

        assertThat(result.getBoolean("success")).isTrue();
        assertThat(result.getString("output.result_type")).isEqualTo("vector");
        assertThat(result.getFloat("output.samples[0].value")).isEqualTo(0.42f);
        assertThat(result.getString("output.samples[0].metric.container_name")).isEqualTo(container);
    }

    @Test
    @DisplayName("test_collect_post_state_sends_prometheus_query_parameter")
    void aDockerMemoryAlertVerificationSendsTheUsageOverLimitQuery() {
        String container = "momo-scheduler-" + UUID.randomUUID();
        prometheus.stubFor(get(urlPathEqualTo(QUERY_PATH)).withQueryParam("query", containing(container))
                .willReturn(okJson(vector(container, 0.5))));
        Incident incident = TestIncidents.incident(TestIncidents.freshId(), Map.of(
                "alertname", "DockerContainerMemoryLimitPressure", "host", "110", "container_name", container));

        JsonPath done = TestApi.verifyAndWait(TestData.verification(incident, ACTION, 0));

        List<String> sent = queriesContaining(container);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0)).contains("docker_container_memory_usage_bytes")
                .contains("docker_container_memory_limit_bytes")
                .contains("host=\"110\"")
                .contains("container_name=\"" + container + "\"");
        assertThat(done.getList("tools_used")).containsExactly("prometheus_query");
        assertThat(done.getFloat("post_state.prometheus_query.samples[0].value")).isEqualTo(0.5f);
        // A ratio proves nothing on its own: no success signal, so the verdict stays cautious.
        assertThat(done.getString("result")).isEqualTo("degraded");
    }

    @Test
    void aHostileLabelValueReachesPrometheusEscapedInsideItsString() {
        String container = "c-" + UUID.randomUUID();
        prometheus.stubFor(get(urlPathEqualTo(QUERY_PATH)).withQueryParam("query", containing(container))
                .willReturn(okJson(vector(container, 0.1))));
        Map<String, String> labels = Map.of("alertname", "DockerContainerMemoryUsageHigh", "host", HOSTILE,
                "container_name", container);

        TestApi.verifyAndWait(TestData.verification(TestIncidents.incident(TestIncidents.freshId(), labels), ACTION, 0));

        List<String> sent = queriesContaining(container);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0)).isEqualTo(PromQlBuilder.forAlert("DockerContainerMemoryUsageHigh", labels))
                .contains("host=\"\\\"} or vector(1) or {x=\\\"\"");
    }

    @Test
    void aPrometheusErrorIsAFailedReadWithItsMessage() {
        prometheus.stubFor(get(urlPathEqualTo(QUERY_PATH)).withQueryParam("query", containing("bad_query_marker"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody(
                        "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error at char 5\"}")));

        given().contentType(ContentType.JSON).body(Map.of("query", "bad_query_marker{"))
                .post("/api/tools/prometheus_query/execute").then().statusCode(200)
                .body("success", is(false))
                .body("error", is("Prometheus answered 400 (bad_data): parse error at char 5"));
    }

    @Test
    void aPrometheusThatDropsTheConnectionFailsTheCollection() {
        String container = "c-" + UUID.randomUUID();
        prometheus.stubFor(get(urlPathEqualTo(QUERY_PATH)).withQueryParam("query", containing(container))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        Incident incident = TestIncidents.incident(TestIncidents.freshId(), Map.of(
                "alertname", "DockerContainerMemoryLimitPressure", "host", "110", "container_name", container));

        assertThat(TestApi.verifyAndWait(TestData.verification(incident, ACTION, 0)).getString("result")).isEqualTo("failed");
    }

    @Test
    void anEmptyQueryIsABadRequest() {
        given().contentType(ContentType.JSON).body(Map.of("query", " "))
                .post("/api/tools/prometheus_query/execute").then().statusCode(400)
                .body("errors[0].field", is("query"));
    }
}
