package dev.flywheel.run.experiment;

import static dev.flywheel.run.support.TestData.marker;
import static dev.flywheel.run.support.TestData.run;
import static dev.flywheel.run.support.TestData.scorer;
import static dev.flywheel.run.support.TestData.with;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.flywheel.run.support.Runs;
import dev.flywheel.run.support.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Experiments, batches, the leaderboard and metrics through HTTP, bad input included. */
@QuarkusTest
class ExperimentApiTest {

    @Test
    void creatingAnExperimentAnswers201WithItsLocation() {
        String name = "exp " + marker();
        String location = given().contentType(ContentType.JSON).body(TestData.experiment(name))
                .post("/api/experiments").then().statusCode(201)
                .header("Location", containsString("/api/experiments/"))
                .body("name", is(name)).body("status", is("active")).body("created_at", notNullValue())
                .extract().header("Location");

        given().get(location).then().statusCode(200).body("name", is(name)).body("metrics.runs", is(0));
    }

    @Test
    void anExperimentWithoutANameIsA400NamingTheField() {
        given().contentType(ContentType.JSON).body(Map.of("description", "no name"))
                .post("/api/experiments").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem("name"));
    }

    @Test
    void malformedJsonIsA400Problem() {
        given().contentType(ContentType.JSON).body("{\"name\": ").post("/api/experiments").then().statusCode(400)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void badDefaultScorersAreRefusedAtCreation() {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "x", "scoring_config", List.of(scorer("regex", null, "pattern", "(unclosed"))))
                .post("/api/experiments").then().statusCode(400)
                .body("errors.field", hasItem("scoring_config[0].pattern"));
    }

    @Test
    void anUnknownExperimentIs404() {
        UUID unknown = UUID.randomUUID();
        given().get("/api/experiments/{id}", unknown).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().contentType(ContentType.JSON).body(run("x", "echo:any"))
                .post("/api/experiments/{id}/runs", unknown).then().statusCode(404);
        given().get("/api/experiments/{id}/leaderboard", unknown).then().statusCode(404);
    }

    @Test
    void experimentsArePagedNewestFirstWithACursor() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            Runs.newExperiment();
        }
        JsonPath first = given().get("/api/experiments?limit=2").then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("items")).hasSize(2);
        seen.addAll(first.getList("items.id"));
        String cursor = first.getString("next_cursor");
        assertThat(cursor).isNotNull();
        JsonPath second = given().queryParam("cursor", cursor).get("/api/experiments?limit=2").then().statusCode(200)
                .extract().jsonPath();
        assertThat(second.getList("items.id", String.class)).doesNotContainAnyElementsOf(seen);
        given().get("/api/experiments?limit=501").then().statusCode(400);
        given().get("/api/experiments?cursor=not-a-cursor").then().statusCode(400).body("errors.field", hasItem("cursor"));
    }

    @Test
    void aRunIsQueuedWith202AndItsLocation() {
        String experimentId = Runs.newExperiment();
        given().contentType(ContentType.JSON).body(run("queued " + marker(), "echo:any"))
                .post("/api/experiments/{id}/runs", experimentId).then().statusCode(202)
                .header("Location", containsString("/api/runs/"))
                .body("status", is("pending")).body("experiment_id", is(experimentId))
                .body("config.prompt", startsWith("queued")).body("stages.size()", is(0));
    }

    @Test
    void badRunConfigsAre400sNamingTheField() {
        String experimentId = Runs.newExperiment();
        expect400(experimentId, Map.of("input_data", "nothing to run"), "prompt");
        expect400(experimentId, run("x", "gpt-4o"), "model");
        expect400(experimentId, run("x", "nosuch:model"), "model");
        expect400(experimentId, with(run("x", "echo:any"), "pipeline_stages", List.of(TestData.stage("y", "echo:any"))),
                "pipeline_stages");
        expect400(experimentId, TestData.pipeline("in", TestData.stage("y", "bogus:any")), "pipeline_stages[0].model");
        expect400(experimentId, with(run("x", "echo:any"), "params", List.of(1, 2)), "params");
        expect400(experimentId, with(run("x", "echo:any"), "scorers", List.of(Map.of("type", "vibes"))), "scorers[0].type");
        expect400(experimentId, with(run("x", "echo:any"), "scorers", List.of(scorer("regex", null, "pattern", "a(b"))),
                "scorers[0].pattern");
        expect400(experimentId, with(run("x", "echo:any"), "scorers", List.of(scorer("contains", null))), "scorers[0].values");
        expect400(experimentId, with(run("x", "echo:any"), "repeat", -1), "repeat");
        expect400(experimentId, run("", "echo:any"), "prompt");
        expect400(experimentId, run("   ", "echo:any"), "prompt");
        expect400(experimentId, run("x", ""), "model");
        expect400(experimentId, Map.of("agent_slug", "some-agent", "prompt", ""), "prompt");
        expect400(experimentId, Map.of("agent_slug", "some-agent", "model", " "), "model");
        expect400(experimentId, TestData.pipeline("in", TestData.stage("", "echo:any")), "pipeline_stages[0].prompt_template");
        expect400(experimentId, with(with(run("x", "echo:any"), "agent_id", UUID.randomUUID().toString()), "agent_slug", "a"),
                "agent_slug");
        given().contentType(ContentType.JSON).body(Map.of("prompt", "x", "agent_id", "not-a-uuid"))
                .post("/api/experiments/{id}/runs", experimentId).then().statusCode(400)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void aBatchOfTwoPromptsTwoParamValuesAndThreeInputsCreatesTwelveRuns() {
        String experimentId = Runs.newExperiment();
        String m = marker();
        Map<String, Object> batch = Map.of(
                "prompts", List.of("Summarise {{ input }} " + m, "Explain {{ input }} " + m),
                "models", List.of("echo:any"),
                "params_grid", Map.of("temperature", List.of(0.2, 0.8)),
                "inputs", List.of("alpha", "beta", "gamma"),
                "scorers", List.of(scorer("contains", null, "values", List.of("Summarise"))));

        JsonPath created = given().contentType(ContentType.JSON).body(batch)
                .post("/api/experiments/{id}/runs:batch", experimentId).then().statusCode(202)
                .body("experiment_id", is(experimentId)).body("count", is(12)).extract().jsonPath();

        List<String> ids = created.getList("run_ids");
        assertThat(new HashSet<>(ids)).hasSize(12);
        Set<String> combinations = new HashSet<>();
        for (String id : ids) {
            JsonPath run = Runs.awaitFinished(id);
            assertThat(run.getString("status")).isEqualTo("completed");
            combinations.add(run.getString("config.prompt") + "|" + run.getString("config.params.temperature") + "|"
                    + run.getString("config.input_data"));
        }
        assertThat(combinations).hasSize(12);

        JsonPath board = given().get("/api/experiments/{id}/leaderboard", experimentId).then().statusCode(200)
                .extract().jsonPath();
        assertThat(board.getList("entries")).hasSize(4);
        assertThat(board.getList("entries.runs", Integer.class)).containsOnly(3);
        assertThat(board.getList("entries.config.prompt", String.class).subList(0, 2)).allMatch(p -> p.startsWith("Summarise"));
        assertThat(board.getList("entries.mean_score", Float.class)).containsExactly(1.0f, 1.0f, 0.0f, 0.0f);
        assertThat(board.getList("entries.rank", Integer.class)).containsExactly(1, 2, 3, 4);
        assertThat(board.getString("entries[0].config.input_data")).isNull();
    }

    @Test
    void aBatchThatWouldBeTooLargeIsRefusedBeforeAnyRunIsCreated() {
        String experimentId = Runs.newExperiment();
        List<String> prompts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            prompts.add("p" + i);
        }
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            inputs.add("i" + i);
        }
        given().contentType(ContentType.JSON).body(Map.of("prompts", prompts, "inputs", inputs))
                .post("/api/experiments/{id}/runs:batch", experimentId).then().statusCode(400)
                .body("detail", containsString("1100"));
        given().get("/api/runs?experiment_id={id}", experimentId).then().statusCode(200).body("items.size()", is(0));
        given().contentType(ContentType.JSON).body(Map.of("prompts", List.of()))
                .post("/api/experiments/{id}/runs:batch", experimentId).then().statusCode(400)
                .body("errors.field", hasItem("prompts"));
    }

    @Test
    void theLeaderboardRanksByMeanScoreThenByLatency() {
        String experimentId = Runs.newExperiment();
        List<Map<String, Object>> scorers = List.of(scorer("contains", null, "values", List.of("good")));
        String m = marker();
        String worse = Runs.submit(experimentId, with(with(run("meh " + m, "mock:m"), "params", Map.of("reply", "bad answer")),
                "scorers", scorers));
        String slowGood = Runs.submit(experimentId, with(with(run("slow " + m, "mock:m"), "params",
                Map.of("reply", "good answer", "delay_ms", 1200)), "scorers", scorers));
        String fastGood = Runs.submit(experimentId, with(with(run("fast " + m, "mock:m"), "params",
                Map.of("reply", "good answer")), "scorers", scorers));
        List.of(worse, slowGood, fastGood).forEach(Runs::awaitFinished);

        JsonPath board = given().get("/api/experiments/{id}/leaderboard", experimentId).then().statusCode(200)
                .extract().jsonPath();

        assertThat(board.getList("entries.config.prompt", String.class))
                .containsExactly("fast " + m, "slow " + m, "meh " + m);
        assertThat(board.getList("entries.mean_score", Float.class)).containsExactly(1.0f, 1.0f, 0.0f);
        assertThat(board.getFloat("entries[1].mean_latency_ms")).isGreaterThan(board.getFloat("entries[0].mean_latency_ms"));
    }

    @Test
    void experimentMetricsSumUpItsRuns() {
        String experimentId = Runs.newExperiment();
        Runs.awaitFinished(Runs.submit(experimentId, with(run("ok " + marker(), "mock:m"), "scorers",
                List.of(scorer("fixed", null, "value", 0.5)))));
        Runs.awaitFinished(Runs.submit(experimentId, run("broken " + marker(), "mock:fail")));

        given().get("/api/experiments/{id}", experimentId).then().statusCode(200)
                .body("metrics.runs", is(2))
                .body("metrics.success_rate", is(0.5f))
                .body("metrics.tokens_in", is(10))
                .body("metrics.tokens_out", is(5))
                .body("metrics.mean_score", is(0.5f))
                .body("metrics.latency_ms.p50", notNullValue())
                .body("metrics.latency_ms.p95", notNullValue());
    }

    @Test
    void anExperimentWithoutRunsAnswersNoRatesOrMeansButTrueZeroCounts() {
        given().get("/api/experiments/{id}", Runs.newExperiment()).then().statusCode(200)
                .body("metrics.runs", is(0))
                .body("metrics.tokens_in", is(0))
                .body("metrics.tokens_out", is(0))
                .body("metrics", hasKey("success_rate")).body("metrics.success_rate", nullValue())
                .body("metrics", hasKey("mean_score")).body("metrics.mean_score", nullValue())
                .body("metrics.latency_ms", hasKey("p50")).body("metrics.latency_ms.mean", nullValue())
                .body("metrics.latency_ms.p50", nullValue()).body("metrics.latency_ms.p95", nullValue());
    }

    /** A run that never finished (here cancelled before its slow answer) is no data for a rate or a mean. */
    @Test
    void anExperimentWhoseRunsNeverFinishedAnswersNoSuccessRateRatherThanZero() {
        String experimentId = Runs.newExperiment();
        String runId = Runs.submit(experimentId, with(with(run("unfinished " + marker(), "mock:m"), "params",
                Map.of("delay_ms", 20_000)), "scorers", List.of(scorer("fixed", null, "value", 0.5))));
        given().post("/api/experiments/{id}/cancel", experimentId).then().statusCode(200);
        assertThat(Runs.awaitFinished(runId).getString("status")).isEqualTo("cancelled");

        given().get("/api/experiments/{id}", experimentId).then().statusCode(200)
                .body("metrics.runs", is(1))
                .body("metrics", hasKey("success_rate")).body("metrics.success_rate", nullValue())
                .body("metrics.mean_score", nullValue())
                .body("metrics.latency_ms.p50", nullValue()).body("metrics.latency_ms.p95", nullValue());
        given().get("/api/experiments/{id}/leaderboard", experimentId).then().statusCode(200)
                .body("entries[0].runs", is(1))
                .body("entries[0]", hasKey("success_rate")).body("entries[0].success_rate", nullValue())
                .body("entries[0].mean_score", nullValue()).body("entries[0].mean_latency_ms", nullValue());
    }

    @Test
    void defaultScorersOfTheExperimentApplyToRunsThatNameNone() {
        String experimentId = given().contentType(ContentType.JSON)
                .body(Map.of("name", "scored " + marker(), "scoring_config", List.of(scorer("fixed", "house", "value", 0.25))))
                .post("/api/experiments").then().statusCode(201).extract().path("id");

        JsonPath run = Runs.awaitFinished(Runs.submit(experimentId, run("x " + marker(), "mock:m")));

        assertThat(run.getList("scores.scorer_name")).containsExactly("house");
        assertThat(run.getFloat("mean_score")).isEqualTo(0.25f);
    }

    @Test
    void theRunListFiltersByExperimentAndStatusAndPagesWithACursor() {
        String experimentId = Runs.newExperiment();
        for (int i = 0; i < 3; i++) {
            Runs.awaitFinished(Runs.submit(experimentId, run("list " + i + " " + marker(), "mock:m")));
        }
        Runs.awaitFinished(Runs.submit(experimentId, run("list failing " + marker(), "mock:fail")));

        given().get("/api/runs?experiment_id={id}&status=failed", experimentId).then().statusCode(200)
                .body("items.size()", is(1)).body("items[0].status", is("failed")).body("next_cursor", nullValue());
        JsonPath page1 = given().get("/api/runs?experiment_id={id}&status=completed&limit=2", experimentId).then()
                .statusCode(200).body("items.size()", is(2)).extract().jsonPath();
        JsonPath page2 = given().queryParam("cursor", page1.getString("next_cursor"))
                .get("/api/runs?experiment_id={id}&status=completed&limit=2", experimentId).then().statusCode(200)
                .body("items.size()", is(1)).body("next_cursor", nullValue()).extract().jsonPath();
        assertThat(page2.getList("items.id", String.class)).doesNotContainAnyElementsOf(page1.getList("items.id"));
        given().get("/api/runs?status=exploded").then().statusCode(400)
                .contentType(startsWith("application/problem+json"));
        given().get("/api/runs/{id}", UUID.randomUUID()).then().statusCode(404)
                .body("detail", endsWith("does not exist"));
    }

    @Test
    void aConfigurationWithNoFinishedRunHasNoSuccessRateRatherThanZero() {
        String experimentId = Runs.newExperiment();
        Runs.awaitFinished(Runs.submit(experimentId, run("finished " + marker(), "echo:any")));
        String slow = Runs.submit(experimentId, with(with(run("slow " + marker(), "mock:m"), "params",
                Map.of("delay_ms", 20_000)), "cache", false));

        JsonPath board = given().get("/api/experiments/{id}/leaderboard", experimentId).then().statusCode(200)
                .extract().jsonPath();
        assertThat(board.getList("entries")).hasSize(2);
        Map<String, Object> unfinished = board.getMap("entries.find { it.config.prompt.startsWith('slow') }");
        Map<String, Object> finished = board.getMap("entries.find { it.config.prompt.startsWith('finished') }");
        assertThat(unfinished).containsEntry("success_rate", null).containsEntry("runs", 1);
        assertThat(finished).containsEntry("success_rate", 1.0f);

        given().post("/api/experiments/{id}/cancel", experimentId).then().statusCode(200);
        assertThat(Runs.awaitFinished(slow).getString("status")).isEqualTo("cancelled");
        given().get("/api/experiments/{id}/leaderboard", experimentId).then().statusCode(200)
                .body("entries.find { it.config.prompt.startsWith('slow') }.success_rate", nullValue());
    }

    private static void expect400(String experimentId, Map<String, Object> config, String field) {
        given().contentType(ContentType.JSON).body(config).post("/api/experiments/{id}/runs", experimentId)
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem(field));
    }
}
