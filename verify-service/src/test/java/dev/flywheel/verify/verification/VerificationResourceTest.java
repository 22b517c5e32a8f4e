package dev.flywheel.verify.verification;

import static dev.flywheel.verify.TestApi.preState;
import static dev.flywheel.verify.TestApi.verifyAndWait;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.flywheel.verify.HealthEndpoints;
import dev.flywheel.verify.TestData;
import dev.flywheel.verify.incident.Incident;
import dev.flywheel.verify.incident.TestIncidents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Verifications over HTTP; the {@code test_*} display names port seed 003's TestVerify. */
@QuarkusTest
class VerificationResourceTest {

    @RegisterExtension
    static final HealthEndpoints HEALTH = new HealthEndpoints();

    private static boolean warm;

    /** One throw-away verification first, so timing assertions measure the service and not a cold JIT. */
    @BeforeEach
    void warmUpOnce() {
        if (!warm) {
            verifyAndWait(TestData.verification(TestIncidents.incident(TestIncidents.freshId(), Map.of()), "warm-up", 0));
            warm = true;
        }
    }

    @Test
    @DisplayName("test_warmup_zero_skips_sleep")
    void aZeroWarmupVerifiesWithoutWaiting() {
        Incident incident = TestIncidents.withHealthUrl(TestIncidents.freshId(), HEALTH.serving("{\"status\":\"Running\"}"));

        JsonPath done = verifyAndWait(TestData.verification(incident, "restart_service:api", 0));

        assertThat(done.getString("result")).isEqualTo("success");
        // The default warmup is 10 s; server-side time excludes a cold first request on a busy machine.
        assertThat(serverSideDuration(done)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aWarmupIsWaitedOutBeforeTheStateIsRead() {
        String url = HEALTH.serving("{\"status\":\"UP\"}");
        Incident incident = TestIncidents.withHealthUrl(TestIncidents.freshId(), url);
        long started = System.nanoTime();

        given().contentType(ContentType.JSON).body(TestData.verification(incident, "restart", 3))
                .post("/api/verifications").then().statusCode(202);
        assertThat(HEALTH.callsTo(url)).isZero();

        await().atMost(Duration.ofSeconds(20)).until(() -> HEALTH.callsTo(url) == 1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    }

    @Test
    @DisplayName("test_post_state_failed_signals_returns_failed")
    void aFailureSignalInThePostStateFails() {
        Incident incident = TestIncidents.withHealthUrl(TestIncidents.freshId(),
                HEALTH.serving("{\"status\":\"CrashLoopBackOff\"}"));

        JsonPath done = verifyAndWait(TestData.verification(incident, "restart_service:api", 0));

        assertThat(done.getString("result")).isEqualTo("failed");
        assertThat(done.getString("post_state.http_health.status")).isEqualTo("CrashLoopBackOff");
        // Failed on what it saw, not for want of evidence: no failure reason.
        assertThat(done.getString("failure_reason")).isNull();
    }

    @Test
    @DisplayName("test_snapshot_missing_persists_fallback_verification")
    void withoutASnapshotAFallbackSnapshotIsPersisted() {
        String incidentId = TestIncidents.freshId();
        Incident incident = TestIncidents.withHealthUrl(incidentId, HEALTH.serving("{\"status\":\"Running\"}"));

        JsonPath done = verifyAndWait(TestData.verification(incident, "auto_repair_playbook:PB-TEST", 0));

        assertThat(done.getString("result")).isEqualTo("success");
        String snapshotId = done.getString("snapshot_id");
        assertThat(snapshotId).isNotNull();
        given().get("/api/incidents/{id}/evidence", incidentId).then().statusCode(200)
                .body("items.size()", is(1))
                .body("items[0].id", is(snapshotId))
                .body("items[0].incident_id", is(incidentId))
                .body("items[0].post_state.http_health.status", is("Running"))
                .body("items[0].verification_result", is("success"))
                .body("items[0].action_taken", is("auto_repair_playbook:PB-TEST"))
                .body("items[0].pre_execution_state", nullValue());
    }

    @Test
    @DisplayName("test_collect_timeout_returns_timeout")
    void collectionPastTheTimeoutIsATimeout() {
        Incident incident = TestIncidents.withHealthUrl(TestIncidents.freshId(), HEALTH.slow(60_000));

        JsonPath done = verifyAndWait(TestData.verification(incident, "restart_service", 0));

        assertThat(done.getString("result")).isEqualTo("timeout");
        assertThat(done.getList("tools_used")).containsExactly("http_health");
        assertThat(done.getString("post_state")).isNull();
        assertThat(done.getString("failure_reason"))
                .isEqualTo("the tools http_health did not answer within 3000 ms (verify.timeout)");
        // verify.timeout is 3 s in tests: the verdict comes long before the endpoint's 60 s answer.
        assertThat(serverSideDuration(done)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    @DisplayName("test_collect_exception_returns_failed")
    void aCollectionErrorIsAFailure() {
        Incident incident = TestIncidents.withHealthUrl(TestIncidents.freshId(), HealthEndpoints.refusing());

        JsonPath done = verifyAndWait(TestData.verification(incident, "restart_service", 0));

        assertThat(done.getString("result")).isEqualTo("failed");
        assertThat(done.getString("post_state")).isNull();
        assertThat(done.getString("snapshot_id")).isNotNull();
        // The reason names the tool and its error, and is kept: a later read says the same.
        assertThat(done.getString("failure_reason")).startsWith("no tool could read the state: http_health: ");
        given().get("/api/verifications/{id}", done.getString("id")).then().statusCode(200)
                .body("failure_reason", is(done.getString("failure_reason")));
    }

    @Test
    @DisplayName("test_snapshot_pre_state_used_for_comparison")
    void theSnapshotsPreStateIsComparedWithThePostState() {
        String incidentId = TestIncidents.freshId();
        Incident incident = TestIncidents.withHealthUrl(incidentId, HEALTH.serving("{\"status\":\"Running\"}"));
        UUID first = preState(incident);
        UUID second = preState(incident);

        JsonPath scaled = verifyAndWait(TestData.verification(incident, "scale_up", 0, first));
        JsonPath restarted = verifyAndWait(TestData.verification(incident, "restart_service:api", 0, second));

        assertThat(scaled.getString("result")).isEqualTo("degraded");
        assertThat(scaled.getString("pre_state.http_health.status")).isEqualTo("Running");
        assertThat(scaled.getString("snapshot_id")).isEqualTo(first.toString());
        assertThat(restarted.getString("result")).isEqualTo("success");
        given().get("/api/incidents/{id}/evidence/{snapshot}", incidentId, first).then().statusCode(200)
                .body("verification_result", is("degraded"))
                .body("action_taken", is("scale_up"))
                .body("pre_execution_state.http_health.status", is("Running"))
                .body("post_state.http_health.status", is("Running"));
    }

    @Test
    void anAcceptedVerificationIsPendingUntilItIsDone() {
        Incident incident = TestIncidents.withHealthUrl(TestIncidents.freshId(), HEALTH.serving("{\"status\":\"UP\"}"));

        var accepted = given().contentType(ContentType.JSON).body(TestData.verification(incident, "restart", 1))
                .post("/api/verifications")
                .then().statusCode(202)
                .body("status", is("pending"))
                .body("result", nullValue())
                .body("completed_at", nullValue())
                .body("incident_id", is(incident.incidentId()))
                .extract();
        String id = accepted.path("id");
        assertThat(accepted.header("Location")).endsWith("/api/verifications/" + id);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/verifications/{id}", id)
                .then().statusCode(200).body("status", is("done")).body("result", is("success"))
                .body("tools_used", hasItem("http_health")));
    }

    @Test
    void anIncidentThatCallsForNoToolIsDegraded() {
        Incident incident = TestIncidents.incident(TestIncidents.freshId(), Map.of("alertname", "Mystery"));

        JsonPath done = verifyAndWait(TestData.verification(incident, "restart", 0));

        assertThat(done.getString("result")).isEqualTo("degraded");
        assertThat(done.getList("tools_used")).isEmpty();
    }

    @Test
    void aSnapshotHoldsOneVerificationOnly() {
        Incident incident = TestIncidents.withHealthUrl(TestIncidents.freshId(), HEALTH.serving("{\"status\":\"UP\"}"));
        UUID snapshot = preState(incident);
        verifyAndWait(TestData.verification(incident, "restart", 0, snapshot));

        given().contentType(ContentType.JSON).body(TestData.verification(incident, "restart", 0, snapshot))
                .post("/api/verifications")
                .then().statusCode(409).contentType(startsWith("application/problem+json"));
    }

    @Test
    void aSnapshotWhoseVerificationIsStillPendingRefusesASecondOne() {
        String incidentId = TestIncidents.freshId();
        Incident incident = TestIncidents.withHealthUrl(incidentId, HEALTH.serving("{\"status\":\"UP\"}"));
        UUID snapshot = preState(incident);
        // Its warmup keeps the first pending while the second, in a group of its own, is submitted.
        String first = given().contentType(ContentType.JSON).body(TestData.verification(incident, "restart", 3, snapshot))
                .post("/api/verifications").then().statusCode(202).extract().path("id");

        given().contentType(ContentType.JSON).body(TestData.verification(incident, "delete", 0, snapshot))
                .post("/api/verifications")
                .then().statusCode(409).contentType(startsWith("application/problem+json"))
                .body("status", is(409))
                .body("detail", containsString(snapshot.toString()));
        assertThat(isDone(first)).as("the first still pending when the second was refused").isFalse();

        await().atMost(Duration.ofSeconds(20)).until(() -> isDone(first));
        assertThat(snapshotOf(first)).isEqualTo(snapshot.toString());
        given().get("/api/incidents/{id}/evidence", incidentId).then().statusCode(200)
                .body("items.size()", is(1))
                .body("items[0].action_taken", is("restart"))
                .body("items[0].verification_result", is("success"));
    }

    private static boolean isDone(String id) {
        return "done".equals(given().get("/api/verifications/{id}", id).then().extract().path("status"));
    }

    private static String snapshotOf(String id) {
        return given().get("/api/verifications/{id}", id).then().extract().path("snapshot_id");
    }

    @Test
    void aSnapshotMustBelongToTheIncidentAndExist() {
        Incident owner = TestIncidents.withHealthUrl(TestIncidents.freshId(), HEALTH.serving("{\"status\":\"UP\"}"));
        UUID snapshot = preState(owner);
        Incident other = TestIncidents.withHealthUrl(TestIncidents.freshId(), HEALTH.serving("{\"status\":\"UP\"}"));

        given().contentType(ContentType.JSON).body(TestData.verification(other, "restart", 0, snapshot))
                .post("/api/verifications")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors[0].field", is("snapshot_id"));
        given().contentType(ContentType.JSON).body(TestData.verification(owner, "restart", 0, UUID.randomUUID()))
                .post("/api/verifications")
                .then().statusCode(404).contentType(startsWith("application/problem+json"));
    }

    @Test
    void invalidRequestsAreProblemsListingEveryField() {
        Incident incident = TestIncidents.withHealthUrl(TestIncidents.freshId(), HEALTH.serving("{\"status\":\"UP\"}"));
        Map<String, Object> bad = TestData.verification(incident, " ", 601);

        given().contentType(ContentType.JSON).body(bad).post("/api/verifications")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem("action_taken"))
                .body("errors.field", hasItem("warmup_sec"));
        given().contentType(ContentType.JSON).body(Map.of("action_taken", "restart")).post("/api/verifications")
                .then().statusCode(400).body("errors.field", hasItem("incident"));
        given().contentType(ContentType.JSON).body(TestData.verification(new Incident(null, null, null), "restart", 0))
                .post("/api/verifications")
                .then().statusCode(400).body("errors[0].field", is("incident.incident_id"));
        given().contentType(ContentType.JSON).body("{\"incident\": ").post("/api/verifications")
                .then().statusCode(400).contentType(startsWith("application/problem+json"));
        given().contentType(ContentType.JSON).body("{\"incident\": {\"incident_id\": \"x\"}, \"action_taken\": \"r\","
                        + " \"warmup_sec\": \"soon\"}").post("/api/verifications")
                .then().statusCode(400).body("errors[0].field", is("warmup_sec"));
    }

    @Test
    void anUnknownVerificationIsNotFound() {
        given().get("/api/verifications/{id}", UUID.randomUUID())
                .then().statusCode(404).contentType(startsWith("application/problem+json"));
        given().get("/api/verifications/not-a-uuid")
                .then().statusCode(404).contentType(startsWith("application/problem+json"));
    }

    private static Duration serverSideDuration(JsonPath verification) {
        return Duration.between(Instant.parse(verification.getString("created_at")),
                Instant.parse(verification.getString("completed_at")));
    }
}
