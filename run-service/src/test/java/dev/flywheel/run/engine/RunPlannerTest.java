package dev.flywheel.run.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.run.agent.ResolvedAgentConfig;
import dev.flywheel.run.run.RunRequest;
import dev.flywheel.run.run.StageRequest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RunPlannerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final RunPlanner planner = new RunPlanner(Duration.ofSeconds(60), 2);

    @Test
    void aSingleStageRunWithoutAModelUsesEcho() throws Exception {
        RunPlan plan = planner.plan(request("Hi", null, null, null), null);

        assertThat(plan.stages()).singleElement().satisfies(stage -> {
            assertThat(stage.model().toString()).isEqualTo("echo:any");
            assertThat(stage.template()).isEqualTo("Hi");
            assertThat(stage.timeout()).isEqualTo(Duration.ofSeconds(60));
            assertThat(stage.maxRetries()).isEqualTo(2);
        });
        assertThat(plan.tokenBudget()).isZero();
        assertThat(plan.inputTokenLimit()).isZero();
    }

    @Test
    void callSettingsInParamsSteerTheCallAndAreNotSent() throws Exception {
        RunPlan plan = planner.plan(request("Hi", "openai:gpt", "{\"temperature\":0.1,\"system_prompt\":\"S\","
                + "\"timeout_seconds\":5,\"max_retries\":0}", null), null);

        PlannedStage stage = plan.stages().get(0);
        assertThat(stage.systemPrompt()).isEqualTo("S");
        assertThat(stage.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(stage.maxRetries()).isZero();
        assertThat(stage.sentParams().toString()).isEqualTo("{\"temperature\":0.1}");
        assertThat(stage.keyParams().get("system_prompt").asText()).isEqualTo("S");
    }

    @Test
    void theAgentIsTheBaseAndTheRunsExplicitValuesWin() throws Exception {
        ResolvedAgentConfig agent = new ResolvedAgentConfig(UUID.randomUUID(), UUID.randomUUID(), "anthropic", "claude",
                "be kind", "Q: {{ input }}", "v3", 0.7, 100, 0, 50, 1000, 30, 1);
        RunPlan fromAgent = planner.plan(request(null, null, null, null), agent);
        RunPlan overridden = planner.plan(request("own {{ input }}", "echo:any", "{\"temperature\":0}", null), agent);

        assertThat(fromAgent.stages().get(0).template()).isEqualTo("Q: {{ input }}");
        assertThat(fromAgent.stages().get(0).model().toString()).isEqualTo("anthropic:claude");
        assertThat(fromAgent.stages().get(0).sentParams().get("temperature").asDouble()).isEqualTo(0.7);
        assertThat(fromAgent.stages().get(0).sentParams().get("max_tokens").asInt()).isEqualTo(100);
        assertThat(fromAgent.stages().get(0).systemPrompt()).isEqualTo("be kind");
        assertThat(fromAgent.stages().get(0).timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(fromAgent.stages().get(0).maxRetries()).isEqualTo(1);
        assertThat(fromAgent.tokenBudget()).isEqualTo(1000);
        assertThat(fromAgent.inputTokenLimit()).isEqualTo(50);
        assertThat(fromAgent.variantId()).isEqualTo(agent.variantId());

        assertThat(overridden.stages().get(0).template()).isEqualTo("own {{ input }}");
        assertThat(overridden.stages().get(0).model().toString()).isEqualTo("echo:any");
        assertThat(overridden.stages().get(0).sentParams().get("temperature").asInt()).isZero();
    }

    @Test
    void pipelineStagesInheritTheRunsModelAndParamsAndOverrideThem() throws Exception {
        RunRequest request = new RunRequest(null, "mock:base", MAPPER.readTree("{\"temperature\":0.5}"),
                List.of(new StageRequest("a", null, null), new StageRequest("b", "mock:other", MAPPER.readTree("{\"temperature\":1}"))),
                null, null, null, null, null, null, null);

        RunPlan plan = planner.plan(request, null);

        assertThat(plan.stages()).extracting(stage -> stage.model().toString()).containsExactly("mock:base", "mock:other");
        assertThat(plan.stages().get(0).sentParams().get("temperature").asDouble()).isEqualTo(0.5);
        assertThat(plan.stages().get(1).sentParams().get("temperature").asInt()).isEqualTo(1);
        assertThat(plan.stages()).extracting(PlannedStage::index).containsExactly(0, 1);
    }

    private static RunRequest request(String prompt, String model, String params, String input) throws Exception {
        return new RunRequest(prompt, model, params == null ? null : MAPPER.readTree(params), null,
                input == null ? null : MAPPER.readTree(input), null, null, null, null, null, null);
    }
}
