package dev.flywheel.verify.tool.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import dev.flywheel.verify.HealthEndpoints;
import dev.flywheel.verify.TestApi;
import dev.flywheel.verify.TestData;
import dev.flywheel.verify.incident.TestIncidents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code http_health} fetches only from allowed hosts and follows no redirect off its host (SPEC §10). */
@QuarkusTest
class HttpHealthAllowListTest {

    @RegisterExtension
    static final HealthEndpoints HEALTH = new HealthEndpoints();
    private static final String METADATA = "http://169.254.169.254/latest/meta-data/iam/security-credentials/";

    private static ValidatableResponse check(String url) {
        return given().contentType(ContentType.JSON).body(Map.of("url", url))
                .post("/api/tools/http_health/execute").then().statusCode(200);
    }

    @Test
    void aHostOutsideTheAllowListIsAToolErrorSayingSo() {
        check(METADATA)
                .body("success", is(false))
                .body("error", is("host 169.254.169.254 is not allowed: http_health only fetches from the hosts in"
                        + " verify.http-health.allowed-hosts"))
                .body("output", is(Map.of()));
        check("http://example.invalid/q/health/ready").body("success", is(false))
                .body("error", containsString("host example.invalid is not allowed"));
        check("http://127.0.0.1@evil.example/q/health").body("success", is(false))
                .body("error", containsString("host evil.example is not allowed"));
    }

    @Test
    void aRefusedCallIsAuditedLikeAnyOther() {
        String incidentId = TestIncidents.freshId();
        given().contentType(ContentType.JSON).body(Map.of("url", METADATA, "_mcp_audit", Map.of("incident_id", incidentId,
                        "session_id", "incident:" + incidentId + ":manual", "flywheel_node", "selftest", "agent_role", "operator")))
                .post("/api/tools/http_health/execute").then().statusCode(200).body("success", is(false));

        given().get("/api/incidents/{id}/tool-calls", incidentId).then().statusCode(200)
                .body("items.size()", is(1))
                .body("items[0].tool", is("http_health"))
                .body("items[0].scope", is("read"))
                .body("items[0].success", is(false))
                .body("items[0].parameters.url", is(METADATA))
                .body("items[0].error", containsString("host 169.254.169.254 is not allowed"));
    }

    @Test
    void anIncidentLabelCannotSendTheVerifierToAForbiddenHost() {
        String incidentId = TestIncidents.freshId();
        var incident = TestIncidents.incident(incidentId, Map.of("alertname", "ServiceDown", "health_url", METADATA));

        var done = TestApi.verifyAndWait(TestData.verification(incident, "restart_service", 0));

        assertThat(done.getList("tools_used")).containsExactly("http_health");
        assertThat(done.getString("result")).isEqualTo("failed");
        given().get("/api/incidents/{id}/tool-calls", incidentId).then().statusCode(200)
                .body("items[0].error", containsString("is not allowed"));
    }

    @Test
    void anAllowedHostIsFetched() {
        check(HEALTH.serving("{\"status\":\"UP\"}")).body("success", is(true)).body("output.status", is("UP"));
    }

    @Test
    void aRedirectWithinTheSameHostIsFollowed() {
        String target = HEALTH.serving("{\"status\":\"UP\",\"checks\":[{\"name\":\"db\",\"status\":\"UP\"}]}");
        String relative = target.substring(target.indexOf("/health/"));

        check(HEALTH.redirecting(relative)).body("success", is(true))
                .body("output.http_status", is(200)).body("output.checks.db", is("UP"));
        assertThat(HEALTH.callsTo(target)).isEqualTo(1);
    }

    @Test
    void aRedirectToAnotherHostIsNotFollowedEvenWhenThatHostIsAllowed() {
        // Same WireMock, reached by another name: 127.0.0.1 is allowed, but it is not the host that was asked.
        String elsewhere = HEALTH.serving("{\"status\":\"UP\"}").replace("localhost", "127.0.0.1");

        check(HEALTH.redirecting(elsewhere)).body("success", is(false))
                .body("error", is("redirected to host 127.0.0.1:" + HEALTH.port()
                        + ": http_health follows no redirect to another host"));
        assertThat(HEALTH.callsTo(elsewhere)).isZero();
        check(HEALTH.redirecting(METADATA)).body("success", is(false))
                .body("error", containsString("redirected to host 169.254.169.254"));
    }

    @Test
    void aRedirectLoopEnds() {
        String loop = HEALTH.redirecting("/redirect/loop");
        HEALTH.redirectingAt("/redirect/loop", "/redirect/loop");

        check(loop).body("success", is(false)).body("error", is("more than 3 redirects"));
    }
}
