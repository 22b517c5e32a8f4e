package dev.flywheel.run.engine;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The worker claims as soon as runs arrive and as soon as a slot frees up, not only at its poll: with one slot
 * and a poll an hour apart, a whole batch still runs through.
 */
@QuarkusTest
@TestProfile(WorkerWakeUpTest.OneSlotRarePolls.class)
class WorkerWakeUpTest {

    public static class OneSlotRarePolls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("run.worker.concurrency", "1", "run.worker.poll-interval", "1h");
        }
    }

    @Test
    void aBatchRunsThroughOneSlotWithoutWaitingForPolls() {
        String experiment = given().contentType(ContentType.JSON).body(Map.of("name", "wake-up"))
                .post("/api/experiments").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON)
                .body(Map.of("prompts", List.of("Echo {{ input }}"), "models", List.of("echo:any"),
                        "inputs", List.of("a", "b", "c", "d"), "cache", false))
                .post("/api/experiments/{id}/runs:batch", experiment).then().statusCode(202).body("count", is(4));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given()
                .queryParam("experiment_id", experiment).queryParam("status", "completed")
                .get("/api/runs").then().statusCode(200).body("items.size()", is(4)));
    }
}
