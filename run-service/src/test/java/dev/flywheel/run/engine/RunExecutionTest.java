package dev.flywheel.run.engine;

import static dev.flywheel.run.support.TestData.marker;
import static dev.flywheel.run.support.TestData.pipeline;
import static dev.flywheel.run.support.TestData.run;
import static dev.flywheel.run.support.TestData.scorer;
import static dev.flywheel.run.support.TestData.stage;
import static dev.flywheel.run.support.TestData.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.flywheel.run.adapter.MockAdapter;
import dev.flywheel.run.cache.CacheKey;
import dev.flywheel.run.cache.CachedResponse;
import dev.flywheel.run.cache.ResponseCache;
import dev.flywheel.run.events.RunEvent;
import dev.flywheel.run.events.RunEventBus;
import dev.flywheel.run.support.Runs;
import dev.flywheel.run.support.WireMockPeers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The run engine end to end through the API and the workers: ports seed 002's TestRunSingle. */
@QuarkusTest
@QuarkusTestResource(WireMockPeers.class)
class RunExecutionTest {

    @Inject
    MockAdapter adapter;
    @Inject
    ResponseCache cache;
    @Inject
    RunEventBus bus;

    @Test
    @DisplayName("seed test_single_stage_run: a one-stage run completes with its stage and tokens")
    void singleStageRunCompletes() {
        String m = marker();
        JsonPath run = Runs.execute(with(run("Tell me a joke " + m, "mock:test-model"), "params", Map.of("temperature", 0.7)));

        assertThat(run.getString("status")).isEqualTo("completed");
        assertThat(run.getInt("tokens_in")).isEqualTo(10);
        assertThat(run.getInt("tokens_out")).isEqualTo(5);
        assertThat(run.getLong("duration_ms")).isNotNull().isGreaterThanOrEqualTo(0L);
        assertThat(run.getString("started_at")).isNotNull();
        assertThat(run.getString("completed_at")).isNotNull();
        assertThat(run.getList("stages")).hasSize(1);
        assertThat(run.getString("stages[0].response_raw")).isEqualTo("mock response");
        assertThat(run.getString("stages[0].model_used")).isEqualTo("mock:test-model");
        assertThat(run.getInt("stages[0].stage_index")).isZero();
        assertThat(run.getString("stages[0].prompt_sent")).isEqualTo("Tell me a joke " + m);
        assertThat(adapter.callsWith(m)).singleElement()
                .satisfies(call -> assertThat(call.params()).containsEntry("temperature", 0.7));
    }

    @Test
    @DisplayName("seed test_multi_stage_pipeline: stages run in order, tokens are summed, prev_output flows on")
    void multiStagePipelineSumsTokensAndPassesOutputOn() {
        String m = marker();
        JsonPath run = Runs.execute(pipeline("Python programming " + m,
                with(stage("Generate a question about {{ input }}", "mock:model-a"), "params", Map.of("reply", "stage-1-output")),
                with(stage("Answer this: {{ prev_output }}", "mock:model-b"), "params", Map.of("reply", "stage-2-output"))));

        assertThat(run.getString("status")).isEqualTo("completed");
        assertThat(run.getInt("tokens_in")).isEqualTo(20);
        assertThat(run.getInt("tokens_out")).isEqualTo(10);
        assertThat(run.getList("stages.model_used")).containsExactly("mock:model-a", "mock:model-b");
        assertThat(run.getString("stages[0].prompt_sent")).isEqualTo("Generate a question about Python programming " + m);
        assertThat(run.getString("stages[1].prompt_sent")).isEqualTo("Answer this: stage-1-output");
        assertThat(run.getString("stages[1].response_raw")).isEqualTo("stage-2-output");
    }

    @Test
    @DisplayName("seed test_jinja2_template_with_stage_history: stages[i].output is in the context")
    void templatesSeeEarlierStagesOutputs() {
        String m = marker();
        JsonPath run = Runs.execute(pipeline("hello " + m,
                with(stage("First: {{ input }}", "mock:m"), "params", Map.of("reply", "stage output")),
                stage("Stage 0 said: {{ stages[0].output }}. Now continue. {{ stage_index }}", "mock:m")));

        assertThat(run.getString("stages[0].prompt_sent")).contains("hello " + m);
        assertThat(run.getString("stages[1].prompt_sent")).isEqualTo("Stage 0 said: stage output. Now continue. 1");
    }

    @Test
    @DisplayName("seed test_cache_hit_skips_adapter: a cached response is used and the adapter is not called")
    void aCacheHitSkipsTheAdapter() {
        String prompt = "cached prompt " + marker();
        cache.store(CacheKey.of(prompt, "mock:test-model", JsonNodeFactory.instance.objectNode(), null, 0),
                new CachedResponse("cached!", "mock:test-model", 1, 1, 5)).await().atMost(Duration.ofSeconds(10));

        JsonPath run = Runs.execute(run(prompt, "mock:test-model"));

        assertThat(run.getString("status")).isEqualTo("completed");
        assertThat(adapter.callsWith(prompt)).isEmpty();
        assertThat(run.getString("stages[0].response_raw")).isEqualTo("cached!");
        assertThat(run.getBoolean("stages[0].cached")).isTrue();
        assertThat(run.getInt("tokens_in")).isEqualTo(1);
    }

    @Test
    @DisplayName("seed test_cache_stores_response_after_llm_call: a successful call is cached for the next run")
    void aSuccessfulCallIsCachedAndServesTheNextRun() {
        String prompt = "store me " + marker();
        JsonPath first = Runs.execute(with(run(prompt, "mock:m"), "params", Map.of("reply", "fresh response")));
        String key = CacheKey.of(prompt, "mock:m", JsonNodeFactory.instance.objectNode().put("reply", "fresh response"), null, 0);

        assertThat(first.getBoolean("stages[0].cached")).isFalse();
        assertThat(cache.lookup(key).await().atMost(Duration.ofSeconds(10)))
                .hasValueSatisfying(hit -> assertThat(hit.response()).isEqualTo("fresh response"));

        JsonPath second = Runs.execute(with(run(prompt, "mock:m"), "params", Map.of("reply", "fresh response")));
        assertThat(second.getBoolean("stages[0].cached")).isTrue();
        assertThat(adapter.callsWith(prompt)).hasSize(1);
    }

    @Test
    void cacheFalseBypassesTheCache() {
        String prompt = "bypass " + marker();
        Runs.execute(with(run(prompt, "mock:m"), "cache", false));
        JsonPath second = Runs.execute(with(run(prompt, "mock:m"), "cache", false));

        assertThat(second.getBoolean("stages[0].cached")).isFalse();
        assertThat(adapter.callsWith(prompt)).hasSize(2);
    }

    @Test
    void theRepeatIndexAsksTheModelAgainInsteadOfReadingTheCache() {
        String prompt = "repeat " + marker();
        Runs.execute(run(prompt, "mock:m"));
        JsonPath repeated = Runs.execute(with(run(prompt, "mock:m"), "repeat", 1));

        assertThat(repeated.getBoolean("stages[0].cached")).isFalse();
        assertThat(adapter.callsWith(prompt)).hasSize(2);
    }

    @Test
    @DisplayName("seed test_scorer_creates_score_records: every scorer leaves a score")
    void scorersCreateScoreRecords() {
        JsonPath run = Runs.execute(with(run("test " + marker(), "mock:m"), "scorers",
                List.of(scorer("fixed", "quality", "value", 0.9), scorer("fixed", "relevance", "value", 0.7))));

        Map<String, Float> scores = scoreMap(run);
        assertThat(scores).hasSize(2);
        assertThat(scores.get("quality")).isCloseTo(0.9f, within(1e-6f));
        assertThat(scores.get("relevance")).isCloseTo(0.7f, within(1e-6f));
        assertThat(run.getFloat("mean_score")).isCloseTo(0.8f, within(1e-6f));
    }

    @Test
    @DisplayName("seed test_async_scorer: an asynchronous scorer's value is recorded")
    void anAsynchronousScorerIsAwaited() {
        JsonPath run = Runs.execute(with(run("test " + marker(), "mock:m"), "scorers",
                List.of(scorer("async_fixed", "async_quality", "value", 0.95))));

        assertThat(run.getList("scores")).hasSize(1);
        assertThat(run.getString("scores[0].scorer_name")).isEqualTo("async_quality");
        assertThat(run.getFloat("scores[0].value")).isCloseTo(0.95f, within(1e-6f));
    }

    @Test
    @DisplayName("seed test_score_clamped_to_range: scores are clamped to [0, 1]")
    void scoresAreClampedToTheUnitInterval() {
        JsonPath run = Runs.execute(with(run("test " + marker(), "mock:m"), "scorers",
                List.of(scorer("fixed", "over", "value", 1.5), scorer("fixed", "under", "value", -0.3))));

        Map<String, Float> scores = scoreMap(run);
        assertThat(scores.get("over")).isEqualTo(1.0f);
        assertThat(scores.get("under")).isEqualTo(0.0f);
    }

    @Test
    @DisplayName("seed test_failed_scorer_does_not_crash_run: a throwing scorer is recorded in scorer_errors")
    void aFailingScorerIsIsolated() {
        JsonPath run = Runs.execute(with(run("test " + marker(), "mock:m"), "scorers",
                List.of(scorer("broken", null), scorer("fixed", "ok", "value", 0.8))));

        assertThat(run.getString("status")).isEqualTo("completed");
        assertThat(run.getList("scores.scorer_name")).containsExactly("ok");
        assertThat(run.getList("scorer_errors.scorer_name")).containsExactly("broken");
        assertThat(run.getString("scorer_errors[0].error")).contains("scorer exploded");
    }

    @Test
    @DisplayName("seed test_adapter_failure_marks_run_failed: failed, with completed_at and the error")
    void anAdapterFailureFailsTheRun() {
        JsonPath run = Runs.execute(run("test " + marker(), "mock:fail"));

        assertThat(run.getString("status")).isEqualTo("failed");
        assertThat(run.getString("completed_at")).isNotNull();
        assertThat(run.getString("error")).contains("LLM endpoint down").contains("stage 0");
        assertThat(run.getList("stages")).isEmpty();
    }

    @Test
    void aTemplateErrorFailsTheRunNamingTheStage() {
        JsonPath run = Runs.execute(pipeline("x", stage("fine", "mock:m"), stage("{% if %}broken", "mock:m")));

        assertThat(run.getString("status")).isEqualTo("failed");
        assertThat(run.getString("error")).isEqualTo("stages[1]: line 1: Expected an expression, got 'end of statement block'");
        assertThat(run.getList("stages")).hasSize(1);
    }

    @Test
    void theEchoAdapterIsTheDefaultAndAnswersWithThePrompt() {
        String m = marker();
        Map<String, Object> config = Map.of("prompt", "Echo {{ input }}", "input_data", m);
        JsonPath run = Runs.execute(config);

        assertThat(run.getString("status")).isEqualTo("completed");
        assertThat(run.getString("stages[0].response_raw")).isEqualTo("Echo " + m);
        assertThat(run.getString("stages[0].model_used")).isEqualTo("echo:any");
        assertThat(run.getInt("tokens_out")).isPositive();
    }

    @Test
    @DisplayName("seed test_event_bus_receives_events: started, stage_completed and completed reach listeners")
    void listenersReceiveTheRunsEvents() {
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        try (RunEventBus.Registration ignored = bus.listen(events::add)) {
            String runId = Runs.submit(Runs.newExperiment(), run("test " + marker(), "mock:m"));
            Runs.awaitFinished(runId);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(typesOf(events, runId))
                    .containsExactly(RunEvent.STARTED, RunEvent.STAGE_COMPLETED, RunEvent.COMPLETED));
            RunEvent completed = events.stream().filter(e -> e.type().equals(RunEvent.COMPLETED)).findFirst().orElseThrow();
            assertThat(completed.data().get("success").asBoolean()).isTrue();
            assertThat(completed.data().get("tokens_in").asInt()).isEqualTo(10);
        }
    }

    @Test
    @DisplayName("seed test_event_bus_on_failure: started and failed reach listeners")
    void listenersHearAFailure() {
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        try (RunEventBus.Registration ignored = bus.listen(events::add)) {
            String runId = Runs.submit(Runs.newExperiment(), run("test " + marker(), "mock:fail"));
            Runs.awaitFinished(runId);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(typesOf(events, runId))
                    .containsExactly(RunEvent.STARTED, RunEvent.FAILED));
            RunEvent failed = events.stream().filter(e -> e.type().equals(RunEvent.FAILED)).findFirst().orElseThrow();
            assertThat(failed.data().get("success").asBoolean()).isFalse();
            assertThat(failed.data().get("error")).isInstanceOf(TextNode.class);
        }
    }

    @Test
    void aThrowingListenerDoesNotStopTheRunOrOtherListeners() {
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        try (RunEventBus.Registration broken = bus.listen(event -> {
            throw new IllegalStateException("boom");
        }); RunEventBus.Registration working = bus.listen(events::add)) {
            String runId = Runs.submit(Runs.newExperiment(), run("test " + marker(), "mock:m"));
            assertThat(Runs.awaitFinished(runId).getString("status")).isEqualTo("completed");
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(typesOf(events, runId)).contains(RunEvent.COMPLETED));
        }
    }

    private static List<String> typesOf(List<RunEvent> events, String runId) {
        return events.stream().filter(e -> e.runId().toString().equals(runId)).map(RunEvent::type).toList();
    }

    private static Map<String, Float> scoreMap(JsonPath run) {
        List<String> names = run.getList("scores.scorer_name");
        List<Float> values = run.getList("scores.value", Float.class);
        Map<String, Float> scores = new java.util.HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            scores.put(names.get(i), values.get(i));
        }
        return scores;
    }
}
