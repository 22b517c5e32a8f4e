package dev.flywheel.verify.backends;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.flywheel.verify.TestApi;
import dev.flywheel.verify.TestData;
import dev.flywheel.verify.incident.Incident;
import dev.flywheel.verify.incident.TestIncidents;
import dev.flywheel.verify.tool.prometheus.PromQlBuilder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code prometheus_query} against a WireMock Prometheus HTTP API. */
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
                .body("error", is("Prometheus answered 400: parse error at char 5"));
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
