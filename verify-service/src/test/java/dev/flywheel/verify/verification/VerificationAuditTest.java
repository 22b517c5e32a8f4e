package dev.flywheel.verify.verification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.common.testing.RelayedEvents;
import dev.flywheel.verify.HealthEndpoints;
import dev.flywheel.verify.TestApi;
import dev.flywheel.verify.TestData;
import dev.flywheel.verify.incident.Incident;
import dev.flywheel.verify.incident.TestIncidents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a verification leaves behind besides its own record: audited tool calls carrying the
 * {@code _mcp_audit} context (ports seed 003's TestCollectPostStateAuditContext) and the
 * {@code verification.completed} event.
 */
@QuarkusTest
class VerificationAuditTest {

    @RegisterExtension
    static final HealthEndpoints HEALTH = new HealthEndpoints();

    @Inject
    ObjectMapper mapper;

    @Test
    @DisplayName("test_collect_post_state_injects_mcp_audit_context")
    void everyPostExecutionToolCallCarriesTheAuditContext() {
        String incidentId = TestIncidents.freshId();
        Incident incident = TestIncidents.withHealthUrl(incidentId, HEALTH.serving("{\"status\":\"Running\"}"));

        JsonPath done = TestApi.verifyAndWait(TestData.verification(incident, "restart", 0));

        assertThat(done.getString("post_state.http_health.status")).isEqualTo("Running");
        given().get("/api/incidents/{id}/tool-calls", incidentId).then().statusCode(200)
                .body("items.size()", is(1))
                .body("items[0].incident_id", is(incidentId))
                .body("items[0].session_id", is("incident:" + incidentId + ":post_execution"))
                .body("items[0].flywheel_node", is("verify"))
                .body("items[0].agent_role", is("post_execution_verifier"));
    }

    @Test
    @DisplayName("test_collect_post_state_routes_audited_provider_through_gateway")
    void theCallIsAuditedWithReadScopeUnderTheIncidentAndReallyMade() {
        String incidentId = TestIncidents.freshId();
        String url = HEALTH.serving("{\"status\":\"Running\"}");
        Incident incident = TestIncidents.withHealthUrl(incidentId, url);

        given().contentType(ContentType.JSON).body(TestData.json(incident))
                .post("/api/incidents/{id}/pre-state", incidentId).then().statusCode(201);
        TestApi.verifyAndWait(TestData.verification(incident, "restart", 0));

        assertThat(HEALTH.callsTo(url)).isEqualTo(2);
        given().get("/api/incidents/{id}/tool-calls", incidentId).then().statusCode(200)
                .body("items.size()", is(2))
                .body("items.tool", is(List.of("http_health", "http_health")))
                .body("items.scope", is(List.of("read", "read")))
                .body("items.trace_id", is(List.of(incidentId, incidentId)))
                .body("items.session_id", is(List.of("incident:" + incidentId + ":pre_execution",
                        "incident:" + incidentId + ":post_execution")))
                .body("items[1].parameters.url", is(url))
                .body("items[1].success", is(true));
    }

    @Test
    void aCompletedVerificationIsAnnouncedAsAnEvent() {
        String incidentId = TestIncidents.freshId();
        Incident incident = TestIncidents.withHealthUrl(incidentId, HEALTH.serving("{\"status\":\"UP\"}"));

        JsonPath done = TestApi.verifyAndWait(TestData.verification(incident, "kubectl rollout restart", 0));
        String id = done.getString("id");

        JsonNode envelope = await().atMost(Duration.ofSeconds(20)).until(() -> event(id), Optional::isPresent).orElseThrow();
        assertThat(envelope.path("type").asText()).isEqualTo("verification.completed");
        assertThat(envelope.path("source").asText()).isEqualTo("verify-service");
        assertThat(envelope.path("specversion").asText()).isEqualTo("1.0");
        JsonNode data = envelope.path("data");
        assertThat(data.path("incident_id").asText()).isEqualTo(incidentId);
        assertThat(data.path("result").asText()).isEqualTo("success");
        assertThat(data.path("action_taken").asText()).isEqualTo("kubectl rollout restart");
        assertThat(data.path("tools_used").get(0).asText()).isEqualTo("http_health");
        assertThat(data.path("snapshot_id").asText()).isEqualTo(done.getString("snapshot_id"));
    }

    private Optional<JsonNode> event(String verificationId) throws Exception {
        for (String envelope : RelayedEvents.envelopes("verify-service")) {
            if (envelope != null && envelope.contains(verificationId)) {
                return Optional.of(mapper.readTree(envelope));
            }
        }
        return Optional.empty();
    }
}
