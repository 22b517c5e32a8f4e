package dev.flywheel.verify.verification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.verify.TestData;
import dev.flywheel.verify.assess.VerificationResult;
import dev.flywheel.verify.incident.Incident;
import dev.flywheel.verify.incident.TestIncidents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A verification completed twice in one group (its owner's run and a take-over on the same replica finishing
 * together, {@link StalledVerificationSweeper}) is completed once: one verdict, in one snapshot, and both callers are
 * answered with it.
 */
@QuarkusTest
class CompletionWriterTest {

    /** Past the tests: the service's own runs of these verifications never complete them. */
    private static final int WARMUP_SEC = 600;

    @Inject
    CompletionWriter completions;
    @Inject
    ObjectMapper mapper;

    @Test
    void aVerificationWithoutSnapshotCompletedTwiceInOneGroupGetsOneFallbackSnapshot() {
        Incident incident = TestIncidents.incident(TestIncidents.freshId(), Map.of());
        UUID id = submit(TestData.verification(incident, "restart", WARMUP_SEC));

        List<VerificationView> answers = completeTwiceInOneGroup(id);

        assertCompletedOnce(incident, id, answers);
    }

    /**
     * Completes another verification first, so that the two completions of this one wait for it and go together in
     * the next group; answers the two completions' answers.
     */
    private List<VerificationView> completeTwiceInOneGroup(UUID id) {
        UUID lead = submit(TestData.verification(TestIncidents.incident(TestIncidents.freshId(), Map.of()), "restart",
                WARMUP_SEC));
        Outcome up = new Outcome(VerificationResult.SUCCESS, mapper.createObjectNode().put("status", "UP"), null,
                List.of("http_health"));
        Outcome down = new Outcome(VerificationResult.FAILED, null, "http_health: connection refused",
                List.of("http_health"));
        // Subscribed in this order: the first finds nothing in flight and goes alone, the other two wait for it.
        return Uni.combine().all()
                .unis(completions.complete(lead, up), completions.complete(id, up), completions.complete(id, down))
                .with((first, second, third) -> List.of(second, third))
                .await().atMost(Duration.ofSeconds(30));
    }

    private static void assertCompletedOnce(Incident incident, UUID id, List<VerificationView> answers) {
        assertThat(answers.get(1)).as("both callers answered with the one completion").isEqualTo(answers.get(0));
        JsonPath stored = given().get("/api/verifications/{id}", id).then().statusCode(200)
                .body("status", is("done")).extract().jsonPath();
        assertThat(stored.getString("result")).isEqualTo(answers.get(0).result().wire());
        // The answer's post state is the one stored with that result, not the other completion's.
        assertThat(stored.getString("post_state.status"))
                .isEqualTo(answers.get(0).postState() == null ? null : answers.get(0).postState().path("status").asText());
        assertThat(stored.getString("snapshot_id")).isEqualTo(answers.get(0).snapshotId().toString());
        given().get("/api/incidents/{id}/evidence", incident.incidentId()).then().statusCode(200)
                .body("items.size()", is(1))
                .body("items[0].id", is(stored.getString("snapshot_id")))
                .body("items[0].verification_result", is(stored.getString("result")))
                .body("items[0].post_state.status", is(stored.getString("post_state.status")));
    }

    private static UUID submit(Map<String, Object> body) {
        return UUID.fromString(given().contentType(ContentType.JSON).body(body).post("/api/verifications")
                .then().statusCode(202).extract().path("id"));
    }
}
