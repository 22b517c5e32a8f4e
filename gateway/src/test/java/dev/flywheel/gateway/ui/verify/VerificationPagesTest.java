package dev.flywheel.gateway.ui.verify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.flywheel.gateway.GatewayTestSupport.fake;
import static dev.flywheel.gateway.ui.UiSupport.signedIn;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.flywheel.gateway.FakeServices;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(FakeServices.class)
class VerificationPagesTest {

    private final String verificationId = UUID.randomUUID().toString();
    private final String incidentId = "inc-" + UUID.randomUUID();
    private WireMock verify;

    @BeforeEach
    void resetVerifyService() {
        verify = fake("verify");
        verify.resetMappings();
    }

    private String verificationJson() {
        return "{\"id\":\"" + verificationId + "\",\"incident_id\":\"" + incidentId + "\","
                + "\"action_taken\":\"kubectl rollout restart deployment/<web>\",\"status\":\"done\",\"result\":\"success\","
                + "\"pre_state\":{\"pods\":[{\"phase\":\"CrashLoopBackOff\"}]},\"post_state\":{\"status\":\"UP\"},"
                + "\"tools_used\":[\"http_health\",\"kubectl_get\"],\"snapshot_id\":null,"
                + "\"created_at\":\"2026-11-21T10:00:00Z\",\"completed_at\":\"2026-11-21T10:00:12Z\"}";
    }

    @Test
    void aVerificationShowsItsResultEvidenceAndTools() {
        verify.register(get(urlPathEqualTo("/api/verifications/" + verificationId)).willReturn(okJson(verificationJson())));

        signedIn().get("/ui/verifications/" + verificationId)
                .then().statusCode(200)
                .body(containsString("id=\"verification-result\">success"),
                        containsString("kubectl rollout restart deployment/&lt;web&gt;"),
                        containsString("<code class=\"tool\">http_health</code>"),
                        containsString("<code class=\"tool\">kubectl_get</code>"),
                        containsString("CrashLoopBackOff"),
                        containsString("&quot;status&quot; : &quot;UP&quot;"),
                        containsString("href=\"/ui/incidents/" + incidentId + "\""),
                        // The states as a diff: what the action changed, changes first.
                        containsString("id=\"diff-state\""),
                        containsString("<tr class=\"diff-removed\" data-path=\"pods[0].phase\">"),
                        containsString("<del class=\"diff-value\">CrashLoopBackOff</del>"),
                        containsString("<tr class=\"diff-added\" data-path=\"status\">"),
                        containsString("<ins class=\"diff-value\">UP</ins>"),
                        containsString("2 values changed, added or removed"),
                        not(containsString("id=\"failure-reason\"")));
    }

    @Test
    void aVerificationWithoutEvidenceSaysWhy() {
        verify.register(get(urlPathEqualTo("/api/verifications/" + verificationId)).willReturn(okJson(
                "{\"id\":\"" + verificationId + "\",\"incident_id\":\"" + incidentId + "\",\"action_taken\":\"restart\","
                        + "\"status\":\"done\",\"result\":\"failed\",\"pre_state\":null,\"post_state\":null,"
                        + "\"failure_reason\":\"no tool could read the state: http_health: Connection <refused>\","
                        + "\"tools_used\":[\"http_health\"],\"snapshot_id\":null,\"created_at\":\"2026-11-21T10:00:00Z\","
                        + "\"completed_at\":\"2026-11-21T10:00:03Z\"}")));

        signedIn().get("/ui/verifications/" + verificationId)
                .then().statusCode(200)
                .body(containsString("id=\"failure-reason\">Not collected: no tool could read the state: http_health:"
                                + " Connection &lt;refused&gt;"),
                        containsString("id=\"pre-missing\">No state was recorded before the action"),
                        containsString("Neither state holds any value to compare."),
                        not(containsString(">not collected<")));
    }

    @Test
    void aPendingVerificationSaysItsEvidenceIsNotCollectedYet() {
        verify.register(get(urlPathEqualTo("/api/verifications/" + verificationId)).willReturn(okJson(
                "{\"id\":\"" + verificationId + "\",\"incident_id\":\"" + incidentId + "\",\"action_taken\":\"restart\","
                        + "\"status\":\"pending\",\"result\":null,\"pre_state\":{},\"post_state\":null,"
                        + "\"failure_reason\":null,\"tools_used\":[],\"snapshot_id\":\"s1\","
                        + "\"created_at\":\"2026-11-21T10:00:00Z\",\"completed_at\":null}")));

        signedIn().get("/ui/verifications/" + verificationId)
                .then().statusCode(200)
                .body(containsString("id=\"failure-reason\">Not collected yet: the verification is still waiting"),
                        containsString("id=\"pre-missing\">The pre-state capture observed nothing"));
    }

    @Test
    void anIncidentsEvidenceListsItsSnapshots() {
        verify.register(get(urlPathEqualTo("/api/incidents/" + incidentId + "/evidence")).willReturn(okJson(
                "{\"items\":[{\"id\":\"s2\",\"incident_id\":\"" + incidentId + "\",\"pre_execution_state\":{\"ready\":\"0/1\"},"
                        + "\"post_state\":{\"ready\":\"1/1\"},\"action_taken\":\"delete pod\",\"verification_result\":\"success\","
                        + "\"created_at\":\"2026-11-21T10:05:00Z\"},{\"id\":\"s1\",\"incident_id\":\"" + incidentId + "\","
                        + "\"pre_execution_state\":{},\"post_state\":null,\"action_taken\":null,\"verification_result\":null,"
                        + "\"created_at\":\"2026-11-21T10:00:00Z\"}],\"next_cursor\":null}")));

        verify.register(get(urlPathEqualTo("/api/incidents/" + incidentId + "/tool-calls")).willReturn(okJson(
                "{\"items\":[{\"id\":1,\"tool\":\"http_health\",\"scope\":\"read\",\"trace_id\":\"" + incidentId + "\","
                        + "\"parameters\":{\"url\":\"http://web/q/health/ready\",\"token\":\"[REDACTED]\"},\"success\":false,"
                        + "\"error\":\"connection <refused>\",\"duration_ms\":31,\"called_at\":\"2026-11-21T10:04:00Z\"}],"
                        + "\"next_cursor\":null}")));

        signedIn().get("/ui/incidents/" + incidentId)
                .then().statusCode(200)
                .body(containsString("data-snapshot-id=\"s2\""), containsString("data-snapshot-id=\"s1\""),
                        containsString("&quot;ready&quot; : &quot;1/1&quot;"), containsString("not verified"),
                        containsString("id=\"diff-s2\""), containsString("<tr class=\"diff-changed\" data-path=\"ready\">"),
                        containsString("Not verified yet: no verification has completed for this snapshot."),
                        containsString("class=\"tool-call-row\""), containsString("<code>http_health</code>"),
                        containsString("connection &lt;refused&gt;"), containsString("[REDACTED]"));
    }

    @Test
    void evidenceAnsweredAsAPlainArrayIsShownToo() {
        verify.register(get(urlPathEqualTo("/api/incidents/" + incidentId + "/evidence")).willReturn(okJson(
                "[{\"id\":\"s9\",\"incident_id\":\"" + incidentId + "\",\"verification_result\":\"failed\"}]")));

        signedIn().get("/ui/incidents/" + incidentId)
                .then().statusCode(200).body(containsString("data-snapshot-id=\"s9\""), containsString("badge-failed"),
                        containsString("id=\"no-tool-audit\""));
    }

    @Test
    void theListShowsRecentVerificationsWhenVerifyServiceListsThem() {
        verify.register(get(urlPathEqualTo("/api/verifications")).willReturn(okJson(
                "{\"items\":[" + verificationJson() + ",{\"id\":\"v-timeout\",\"incident_id\":\"i\",\"status\":\"done\","
                        + "\"result\":\"timeout\",\"post_state\":null,\"failure_reason\":\"the tools http_health did not"
                        + " answer within 3000 ms (verify.timeout)\",\"tools_used\":[],\"created_at\":\"2026-11-21T10:00:00Z\"}],"
                        + "\"next_cursor\":\"c2\"}")));

        signedIn().get("/ui/verifications")
                .then().statusCode(200)
                .body(containsString("<table id=\"verifications\" class=\"data\">"),
                        containsString("data-verification-id=\"" + verificationId + "\""),
                        containsString("<td data-label=\"Why no evidence\">Not collected: the tools http_health did not"
                                + " answer within 3000 ms"),
                        containsString("href=\"/ui/verifications?cursor=c2\""),
                        containsString("id=\"verification-lookup-form\""), containsString("id=\"incident-form\""));
    }

    @Test
    void withoutAListingThePageStillOffersTheLookUps() {
        verify.register(get(urlPathEqualTo("/api/verifications")).willReturn(aResponse().withStatus(405)));

        signedIn().get("/ui/verifications")
                .then().statusCode(200)
                .body(containsString("id=\"no-listing\""), containsString("id=\"incident-form\""),
                        not(containsString("verification-row")));
    }

    @Test
    void theLookUpFormsGoToTheVerificationOrTheIncident() {
        signedIn().queryParam("id", verificationId).get("/ui/verifications")
                .then().statusCode(303).header("Location", endsWith("/ui/verifications/" + verificationId));
        signedIn().queryParam("incident_id", incidentId).get("/ui/verifications")
                .then().statusCode(303).header("Location", endsWith("/ui/incidents/" + incidentId));
        signedIn().queryParam("incident_id", "../../api/runs").get("/ui/verifications").then().statusCode(404);
    }

    @Test
    void anUnknownVerificationIsA404Page() {
        verify.register(get(urlPathEqualTo("/api/verifications/" + verificationId)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":404,\"detail\":\"verification not found\"}")));

        signedIn().get("/ui/verifications/" + verificationId)
                .then().statusCode(404).body(containsString("There is nothing here"), containsString("<h1>404 — Not found</h1>"));
    }
}
