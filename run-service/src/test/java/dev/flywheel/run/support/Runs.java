package dev.flywheel.run.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** Drives runs through the HTTP API the way a client does. */
public final class Runs {

    private static final Set<String> FINISHED = Set.of("completed", "failed", "cancelled");

    private Runs() {
    }

    public static String newExperiment() {
        return given().contentType(ContentType.JSON).body(TestData.experiment("exp " + TestData.marker()))
                .post("/api/experiments").then().statusCode(201).extract().path("id");
    }

    /** Submits a run config and answers the new run's id. */
    public static String submit(String experimentId, Map<String, Object> config) {
        return given().contentType(ContentType.JSON).body(config)
                .post("/api/experiments/{id}/runs", experimentId).then().statusCode(202).extract().path("id");
    }

    /** Waits (generously: the machine is shared) until the run has finished and answers it. */
    public static JsonPath awaitFinished(String runId) {
        JsonPath[] run = new JsonPath[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            run[0] = given().get("/api/runs/{id}", runId).then().statusCode(200).extract().jsonPath();
            return FINISHED.contains(run[0].getString("status"));
        });
        return run[0];
    }

    /** Submits a run into a fresh experiment and waits for its end. */
    public static JsonPath execute(Map<String, Object> config) {
        return awaitFinished(submit(newExperiment(), config));
    }
}
