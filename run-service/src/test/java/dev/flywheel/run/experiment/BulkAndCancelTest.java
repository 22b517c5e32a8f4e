package dev.flywheel.run.experiment;

import static dev.flywheel.run.support.TestData.marker;
import static dev.flywheel.run.support.TestData.run;
import static dev.flywheel.run.support.TestData.scorer;
import static dev.flywheel.run.support.TestData.with;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import dev.flywheel.run.support.Runs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** SPEC §10 "Many different runs in one request": runs:bulk (all or none) and cancelling an experiment. */
@QuarkusTest
@SuppressWarnings("unchecked")
class BulkAndCancelTest {

    private static final String BULK = "/api/experiments/{id}/runs:bulk";

    @Test
    void aBulkRequestCreatesEachRunWithItsOwnConfig() {
        String experimentId = Runs.newExperiment();
        String m = marker();
        List<Map<String, Object>> configs = List.of(
                with(run("first " + m, "echo:any"), "scorers", List.of(scorer("contains", null, "values", List.of("first")))),
                with(with(run("second " + m, "mock:m"), "params", Map.of("reply", "forty-two")), "scorers",
                        List.of(scorer("exact_match", null, "expected", "forty-two"))),
                with(run("third " + m, "mock:fail"), "cache", false));

        JsonPath created = given().contentType(ContentType.JSON).body(Map.of("runs", configs))
                .post(BULK, experimentId).then().statusCode(202)
                .body("experiment_id", is(experimentId)).body("count", is(3)).extract().jsonPath();

        List<String> ids = created.getList("run_ids", String.class);
        assertThat(new HashSet<>(ids)).hasSize(3);
        JsonPath first = Runs.awaitFinished(ids.get(0));
        JsonPath second = Runs.awaitFinished(ids.get(1));
        JsonPath third = Runs.awaitFinished(ids.get(2));
        assertThat(first.getString("config.prompt")).isEqualTo("first " + m);
        assertThat(first.getString("stages[0].response_raw")).isEqualTo("first " + m);
        assertThat(first.getFloat("scores[0].value")).isEqualTo(1.0f);
        assertThat(second.getString("stages[0].response_raw")).isEqualTo("forty-two");
        assertThat(second.getFloat("scores[0].value")).isEqualTo(1.0f);
        assertThat(third.getString("status")).isEqualTo("failed");
        assertThat(third.getBoolean("config.cache")).isFalse();
    }

    @Test
    void resultsPageThroughEveryRunWithItsStagesAndScores() {
        String experimentId = Runs.newExperiment();
        String m = marker();
        List<Map<String, Object>> configs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            configs.add(with(run("result " + i + " " + m, "echo:any"), "scorers",
                    List.of(scorer("contains", "has-one", "values", List.of("1")))));
        }
        List<String> ids = given().contentType(ContentType.JSON).body(Map.of("runs", configs)).post(BULK, experimentId)
                .then().statusCode(202).extract().jsonPath().getList("run_ids", String.class);
        ids.forEach(Runs::awaitFinished);

        JsonPath first = given().get("/api/experiments/{id}/results?limit=2", experimentId).then().statusCode(200)
                .body("items.size()", is(2)).extract().jsonPath();
        JsonPath second = given().queryParam("cursor", first.getString("next_cursor"))
                .get("/api/experiments/{id}/results?limit=2", experimentId).then().statusCode(200)
                .body("items.size()", is(1)).body("next_cursor", org.hamcrest.Matchers.nullValue()).extract().jsonPath();

        List<Map<String, Object>> all = new ArrayList<>(first.getList("items"));
        all.addAll(second.getList("items"));
        assertThat(all).extracting(item -> item.get("id")).containsExactlyInAnyOrderElementsOf(ids);
        for (Map<String, Object> item : all) {
            String prompt = (String) ((Map<?, ?>) item.get("config")).get("prompt");
            List<Map<String, Object>> stages = (List<Map<String, Object>>) item.get("stages");
            List<Map<String, Object>> scores = (List<Map<String, Object>>) item.get("scores");
            assertThat(stages).singleElement().satisfies(stage -> assertThat(stage.get("response_raw")).isEqualTo(prompt));
            assertThat(scores).singleElement().satisfies(score -> {
                assertThat(score.get("scorer_name")).isEqualTo("has-one");
                assertThat(((Number) score.get("value")).doubleValue()).isEqualTo(prompt.contains("1") ? 1.0 : 0.0);
            });
        }
        given().get("/api/experiments/{id}/results", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void aPercentEncodedColonReachesTheSameOperation() {
        String experimentId = Runs.newExperiment();
        given().urlEncodingEnabled(false).contentType(ContentType.JSON)
                .body(Map.of("runs", List.of(run("enc " + marker(), "echo:any"))))
                .post("/api/experiments/" + experimentId + "/runs%3Abulk").then().statusCode(202).body("count", is(1));
        given().urlEncodingEnabled(false).contentType(ContentType.JSON)
                .body(Map.of("prompts", List.of("enc batch " + marker()), "models", List.of("echo:any"), "inputs", List.of("a", "b")))
                .post("/api/experiments/" + experimentId + "/runs%3abatch").then().statusCode(202).body("count", is(2));
        given().urlEncodingEnabled(false).contentType(ContentType.JSON).body(Map.of("runs", List.of()))
                .post("/api/experiments/" + experimentId + "/runs%3Abulkier").then().statusCode(404);
    }

    @Test
    void aBadConfigIsA400NamingItsIndexAndNothingIsCreated() {
        String experimentId = Runs.newExperiment();
        List<Map<String, Object>> configs = List.of(run("ok " + marker(), "echo:any"), run("ok too", "echo:any"),
                run("bad", "nosuch:model"));

        given().contentType(ContentType.JSON).body(Map.of("runs", configs)).post(BULK, experimentId).then()
                .statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem("runs[2].model")).body("detail", containsString("nosuch"));

        assertNoRuns(experimentId);
    }

    @Test
    void eachKindOfBadElementIsNamedByItsIndex() {
        String experimentId = Runs.newExperiment();
        expect400(experimentId, List.of(run("a", "echo:any"), with(run("b", "echo:any"), "repeat", -1)), "runs[1].repeat");
        expect400(experimentId, List.of(with(run("a", "echo:any"), "scorers", List.of(scorer("regex", null, "pattern", "a(")))),
                "runs[0].scorers[0].pattern");
        expect400(experimentId, List.of(run("a", "echo:any"), Map.of("input_data", "no prompt")), "runs[1].prompt");
        expect400(experimentId, List.of(), "runs");
        given().contentType(ContentType.JSON).body("{\"runs\": [{\"prompt\": \"a\", \"repeat\": \"often\"}]}")
                .post(BULK, experimentId).then().statusCode(400).body("errors.field", hasItem("runs[0].repeat"));
        given().contentType(ContentType.JSON).body("{}").post(BULK, experimentId).then().statusCode(400)
                .body("errors.field", hasItem("runs"));
        assertNoRuns(experimentId);
    }

    @Test
    void moreRunsThanTheBatchLimitAreRefusedBeforeAnyIsCreated() {
        String experimentId = Runs.newExperiment();
        List<Map<String, Object>> configs = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            configs.add(run("p" + i, "echo:any"));
        }
        given().contentType(ContentType.JSON).body(Map.of("runs", configs)).post(BULK, experimentId).then()
                .statusCode(400).body("errors.field", hasItem("runs")).body("detail", containsString("1000"));
        assertNoRuns(experimentId);
    }

    @Test
    void aBulkRequestForAnUnknownExperimentIs404() {
        given().contentType(ContentType.JSON).body(Map.of("runs", List.of(run("x", "echo:any"))))
                .post(BULK, UUID.randomUUID()).then().statusCode(404).contentType(startsWith("application/problem+json"));
    }

    @Test
    void cancellingAnExperimentCancelsEveryRunThatHasNotEnded() {
        String experimentId = Runs.newExperiment();
        String done = Runs.submit(experimentId, run("done " + marker(), "echo:any"));
        Runs.awaitFinished(done);
        List<Map<String, Object>> slow = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            slow.add(with(with(run("slow " + i + " " + marker(), "mock:m"), "params", Map.of("delay_ms", 20_000)), "cache",
                    false));
        }
        List<String> slowIds = given().contentType(ContentType.JSON).body(Map.of("runs", slow)).post(BULK, experimentId)
                .then().statusCode(202).extract().jsonPath().getList("run_ids", String.class);

        JsonPath cancelled = given().post("/api/experiments/{id}/cancel", experimentId).then().statusCode(200)
                .body("experiment_id", is(experimentId)).body("count", is(6)).extract().jsonPath();

        assertThat(cancelled.getList("run_ids", String.class)).containsExactlyInAnyOrderElementsOf(slowIds);
        for (String id : slowIds) {
            JsonPath run = Runs.awaitFinished(id);
            assertThat(run.getString("status")).isEqualTo("cancelled");
            assertThat(run.getString("completed_at")).isNotNull();
        }
        given().get("/api/runs/{id}", done).then().body("status", is("completed"));
        given().post("/api/experiments/{id}/cancel", experimentId).then().statusCode(200).body("count", is(0));
    }

    @Test
    void cancellingAnUnknownExperimentIs404() {
        given().post("/api/experiments/{id}/cancel", UUID.randomUUID()).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }

    private static void expect400(String experimentId, List<Map<String, Object>> configs, String field) {
        given().contentType(ContentType.JSON).body(Map.of("runs", configs)).post(BULK, experimentId).then()
                .statusCode(400).contentType(startsWith("application/problem+json")).body("errors.field", hasItem(field));
    }

    private static void assertNoRuns(String experimentId) {
        given().get("/api/runs?experiment_id={id}", experimentId).then().statusCode(200).body("items.size()", is(0));
    }
}
