package dev.flywheel.verify.tool;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.flywheel.verify.HealthEndpoints;
import dev.flywheel.verify.incident.TestIncidents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The tool registry over HTTP, with no cluster and no Prometheus configured (the local suite's situation). */
@QuarkusTest
class ToolResourceTest {

    @RegisterExtension
    static final HealthEndpoints HEALTH = new HealthEndpoints();

    @Inject
    ToolRegistry registry;

    @Test
    void everyToolIsListedWithWhetherItsBackendIsConfigured() {
        given().get("/api/tools").then().statusCode(200)
                .body("items.name", is(List.of("http_health", "k8s_watch_rollout", "kubectl_get", "prometheus_query")))
                .body("items.find { it.name == 'http_health' }.configured", is(true))
                .body("items.find { it.name == 'kubectl_get' }.configured", is(false))
                .body("items.find { it.name == 'k8s_watch_rollout' }.configured", is(false))
                .body("items.find { it.name == 'prometheus_query' }.configured", is(false))
                .body("next_cursor", nullValue());
    }

    @Test
    void toolsWithoutABackendAreNeverSuggested() {
        var incident = TestIncidents.incident("INC-1", Map.of("alertname", "DockerContainerMemoryLimitPressure",
                "namespace", "prod", "pod", "api-1", "deployment", "api", "host", "110", "container_name", "api",
                "health_url", "http://127.0.0.1:1/q/health/ready"));

        assertThat(registry.suggest(incident)).extracting(ToolCall::tool).containsExactly("http_health");
        assertThat(registry.suggest(incident).get(0).parameters().path("url").asText())
                .isEqualTo("http://127.0.0.1:1/q/health/ready");
        assertThat(registry.suggest(TestIncidents.incident("INC-2", Map.of("namespace", "prod", "pod", "api-1"))))
                .isEmpty();
    }

    @Test
    void httpHealthReportsTheStatusAndChecksOfASmallRyeEndpoint() {
        String url = HEALTH.serving(503, "{\"status\":\"DOWN\",\"checks\":[{\"name\":\"Database connections health check\","
                + "\"status\":\"DOWN\"},{\"name\":\"Redis connection health check\",\"status\":\"UP\"}]}");

        given().contentType(ContentType.JSON).body(Map.of("url", url))
                .post("/api/tools/http_health/execute")
                .then().statusCode(200)
                .body("tool", is("http_health"))
                .body("success", is(true))
                .body("error", nullValue())
                .body("output.http_status", is(503))
                .body("output.status", is("DOWN"))
                .body("output.checks.'Redis connection health check'", is("UP"))
                .body("output.checks.'Database connections health check'", is("DOWN"));
    }

    @Test
    void httpHealthReadsThisServiceItself() {
        given().contentType(ContentType.JSON)
                .body(Map.of("url", RestAssured.baseURI + ":" + RestAssured.port + "/q/health/live"))
                .post("/api/tools/http_health/execute")
                .then().statusCode(200).body("success", is(true)).body("output.status", is("UP"));
    }

    @Test
    void aBodyThatIsNotJsonIsJudgedByTheHttpStatus() {
        given().contentType(ContentType.JSON).body(Map.of("url", HEALTH.serving(200, "OK")))
                .post("/api/tools/http_health/execute")
                .then().statusCode(200).body("success", is(true)).body("output.status", is("UP"));
        given().contentType(ContentType.JSON).body(Map.of("url", HEALTH.serving(502, "<html>Bad Gateway</html>")))
                .post("/api/tools/http_health/execute")
                .then().statusCode(200).body("success", is(true))
                .body("output.status", is("DOWN")).body("output.http_status", is(502));
    }

    @Test
    void anEndpointThatCannotBeReachedIsAFailedResultNotAnError() {
        given().contentType(ContentType.JSON).body(Map.of("url", HealthEndpoints.refusing()))
                .post("/api/tools/http_health/execute")
                .then().statusCode(200)
                .body("success", is(false))
                .body("error", containsString("refused"))
                .body("output", is(Map.of()));
    }

    @Test
    void unknownToolsUnconfiguredBackendsAndBadParametersAreProblems() {
        given().contentType(ContentType.JSON).body(Map.of()).post("/api/tools/rm_rf/execute")
                .then().statusCode(404).contentType(startsWith("application/problem+json"));
        given().contentType(ContentType.JSON).body(Map.of("namespace", "prod")).post("/api/tools/kubectl_get/execute")
                .then().statusCode(503).contentType(startsWith("application/problem+json"))
                .body("detail", containsString("kubernetes"));
        given().contentType(ContentType.JSON).body(Map.of("query", "up")).post("/api/tools/prometheus_query/execute")
                .then().statusCode(503).body("detail", containsString("prometheus"));
        given().contentType(ContentType.JSON).body(Map.of()).post("/api/tools/http_health/execute")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem("url"));
        given().contentType(ContentType.JSON).body(Map.of("url", "file:///etc/passwd")).post("/api/tools/http_health/execute")
                .then().statusCode(400).body("errors.field", hasItem("url"));
        given().contentType(ContentType.JSON).body(Map.of("url", Map.of("nested", true))).post("/api/tools/http_health/execute")
                .then().statusCode(400).body("errors[0].field", is("url"));
        given().contentType(ContentType.JSON).body("[\"http://x\"]").post("/api/tools/http_health/execute")
                .then().statusCode(400).contentType(startsWith("application/problem+json"));
        given().contentType(ContentType.JSON).body("{\"url\": ").post("/api/tools/http_health/execute")
                .then().statusCode(400).contentType(startsWith("application/problem+json"));
        given().contentType(ContentType.JSON).body(Map.of("url", "http://x", "_mcp_audit", "me"))
                .post("/api/tools/http_health/execute")
                .then().statusCode(400).body("errors[0].field", is("_mcp_audit"));
    }

    @Test
    void everyCallIsAuditedWithSecretsRedacted() {
        String incidentId = TestIncidents.freshId();
        String url = HEALTH.serving("{\"status\":\"UP\"}").replace("http://", "http://admin:hunter2@") + "?token=s3cr3t";

        given().contentType(ContentType.JSON)
                .body(Map.of("url", url, "_mcp_audit", Map.of("incident_id", incidentId,
                        "session_id", "incident:" + incidentId + ":manual", "flywheel_node", "selftest",
                        "agent_role", "operator")))
                .post("/api/tools/http_health/execute")
                .then().statusCode(200).body("success", is(true))
                .body("output.url", not(containsString("hunter2")))
                .body("output.url", not(containsString("s3cr3t")));

        given().get("/api/incidents/{id}/tool-calls", incidentId).then().statusCode(200)
                .body("items.size()", is(1))
                .body("items[0].tool", is("http_health"))
                .body("items[0].scope", is("read"))
                .body("items[0].trace_id", is(incidentId))
                .body("items[0].session_id", is("incident:" + incidentId + ":manual"))
                .body("items[0].flywheel_node", is("selftest"))
                .body("items[0].agent_role", is("operator"))
                .body("items[0].success", is(true))
                .body("items[0].parameters.url", containsString("[REDACTED]"))
                .body("items[0].parameters.url", not(containsString("hunter2")))
                .body("items[0].parameters.url", not(containsString("s3cr3t")))
                .body("items[0].parameters._mcp_audit", nullValue())
                .body("items[0].output.status", is("UP"));
    }

    @Test
    void aCallWithoutAuditContextIsTracedByItsRequestId() {
        String requestId = "req-" + UUID.randomUUID();
        given().header("X-Request-Id", requestId).contentType(ContentType.JSON)
                .body(Map.of("url", HEALTH.serving("{\"status\":\"UP\"}")))
                .post("/api/tools/http_health/execute").then().statusCode(200);

        given().get("/api/incidents/{id}/tool-calls", "request:" + requestId).then().statusCode(200)
                .body("items.size()", is(1))
                .body("items[0].incident_id", nullValue())
                .body("items[0].flywheel_node", is("verify"));
    }

    @Test
    void aLargeOutputIsStoredAndAnsweredAsATruncatedPreview() {
        String checks = IntStream.range(0, 3000)
                .mapToObj(i -> "{\"name\":\"check-number-" + i + "-with-a-long-descriptive-name\",\"status\":\"UP\"}")
                .collect(Collectors.joining(",", "[", "]"));
        String url = HEALTH.serving("{\"status\":\"UP\",\"checks\":" + checks + "}");

        String preview = given().contentType(ContentType.JSON).body(Map.of("url", url))
                .post("/api/tools/http_health/execute")
                .then().statusCode(200)
                .body("success", is(true))
                .body("output.truncated", is(true))
                .extract().path("output.preview");
        int originalBytes = given().contentType(ContentType.JSON).body(Map.of("url", url))
                .post("/api/tools/http_health/execute").then().extract().path("output.original_bytes");

        assertThat(preview).startsWith("{\"url\":").hasSizeLessThanOrEqualTo(65536);
        assertThat(originalBytes).isGreaterThan(65536);
    }
}
