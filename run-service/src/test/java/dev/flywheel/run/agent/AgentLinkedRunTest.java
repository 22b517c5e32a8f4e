package dev.flywheel.run.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.flywheel.run.support.TestData.json;
import static dev.flywheel.run.support.TestData.marker;
import static dev.flywheel.run.support.TestData.resolvedAgent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.flywheel.run.adapter.MockAdapter;
import dev.flywheel.run.events.RunEvent;
import dev.flywheel.run.events.RunEventBus;
import dev.flywheel.run.support.Runs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs linked to an agent resolve its config from variant-service (WireMock) once and apply it. */
@QuarkusTest
class AgentLinkedRunTest {

    @ConfigProperty(name = "wiremock.port")
    int port;
    @Inject
    RunEventBus bus;
    @Inject
    MockAdapter adapter;
    @ConfigProperty(name = "peers.variant-service.timeout")
    Duration peerTimeout;

    WireMock variantService;

    @BeforeEach
    void connect() {
        variantService = new WireMock("localhost", port);
    }

    @Test
    void theAgentsResolvedConfigIsAppliedAndItsVariantRecorded() {
        UUID agentId = UUID.randomUUID();
        UUID variantId = UUID.randomUUID();
        Map<String, Object> config = resolvedAgent(agentId, variantId);
        config.put("user_prompt_template", "Q: {{ input }}");
        config.put("system_prompt", "You are a careful assistant.");
        config.put("temperature", 0.3);
        config.put("max_tokens", 256);
        stub(agentId, config);
        String m = marker();

        List<RunEvent> events = new CopyOnWriteArrayList<>();
        JsonPath run;
        try (RunEventBus.Registration ignored = bus.listen(events::add)) {
            run = Runs.execute(Map.of("agent_id", agentId.toString(), "input_data", "hello " + m));
            await().atMost(Duration.ofSeconds(10)).until(() -> events.stream()
                    .anyMatch(e -> e.type().equals(RunEvent.COMPLETED) && e.runId().toString().equals(run.getString("id"))));
        }

        assertThat(run.getString("status")).isEqualTo("completed");
        assertThat(run.getString("agent_id")).isEqualTo(agentId.toString());
        assertThat(run.getString("variant_id")).isEqualTo(variantId.toString());
        assertThat(run.getString("stages[0].prompt_sent")).isEqualTo("Q: hello " + m);
        assertThat(run.getString("stages[0].model_used")).isEqualTo("echo:any");
        variantService.verifyThat(1, getRequestedFor(urlEqualTo("/api/agents/" + agentId + "/resolved-config")));
        RunEvent completed = events.stream().filter(e -> e.type().equals(RunEvent.COMPLETED)
                && e.runId().toString().equals(run.getString("id"))).findFirst().orElseThrow();
        assertThat(completed.data().get("agent_id").asText()).isEqualTo(agentId.toString());
        assertThat(completed.data().get("variant_id").asText()).isEqualTo(variantId.toString());
        assertThat(completed.data().get("status").asText()).isEqualTo("completed");
        assertThat(completed.data().get("success").asBoolean()).isTrue();
        assertThat(completed.data().get("duration_ms").isNumber()).isTrue();
    }

    @Test
    void aPipelineResolvesTheAgentOnlyOnceAndUsesItsModelAndParams() {
        UUID agentId = UUID.randomUUID();
        Map<String, Object> config = resolvedAgent(agentId, null);
        config.put("model_provider", "mock");
        config.put("model_name", "agent-model");
        config.put("temperature", 0.9);
        config.put("system_prompt", "sys");
        stub(agentId, config);
        String m = marker();
        Map<String, Object> run = Map.of("agent_id", agentId.toString(), "input_data", "in " + m,
                "pipeline_stages", List.of(Map.of("prompt_template", "one {{ input }}"),
                        Map.of("prompt_template", "two {{ prev_output }}")));

        JsonPath done = Runs.execute(run);

        assertThat(done.getString("status")).isEqualTo("completed");
        assertThat(done.getList("stages.model_used")).containsExactly("mock:agent-model", "mock:agent-model");
        assertThat(done.getString("variant_id")).isNull();
        assertThat(adapter.callsWith(m)).singleElement().satisfies(call -> {
            assertThat(call.systemPrompt()).isEqualTo("sys");
            assertThat(call.params()).containsEntry("temperature", 0.9).containsEntry("max_tokens", 32768)
                    .doesNotContainKeys("system_prompt", "timeout_seconds", "max_retries");
            assertThat(call.timeout()).isEqualTo(Duration.ofSeconds(120));
            assertThat(call.maxRetries()).isEqualTo(2);
        });
        variantService.verifyThat(1, getRequestedFor(urlEqualTo("/api/agents/" + agentId + "/resolved-config")));
    }

    @Test
    void anAgentCanBeNamedBySlug() {
        UUID agentId = UUID.randomUUID();
        String slug = "agent-" + agentId;
        variantService.register(get(urlEqualTo("/api/agents/by-slug/" + slug + "/resolved-config"))
                .willReturn(okJson(json(resolvedAgent(agentId, null)))));

        JsonPath run = Runs.execute(Map.of("agent_slug", slug, "input_data", "by slug"));

        assertThat(run.getString("status")).isEqualTo("completed");
        assertThat(run.getString("agent_id")).isEqualTo(agentId.toString());
        assertThat(run.getString("stages[0].prompt_sent")).isEqualTo("by slug");
    }

    @Test
    void theTokenBudgetFailsTheRunOnceItIsExceeded() {
        UUID agentId = UUID.randomUUID();
        Map<String, Object> config = resolvedAgent(agentId, null);
        config.put("token_budget", 10);
        stub(agentId, config);

        JsonPath run = Runs.execute(Map.of("agent_id", agentId.toString(), "input_data",
                "a long enough input to use more than ten tokens in and out " + marker()));

        assertThat(run.getString("status")).isEqualTo("failed");
        assertThat(run.getString("error")).contains("token_budget of 10");
        assertThat(run.getList("stages")).hasSize(1);
    }

    @Test
    void theInputTokenLimitFailsAStageBeforeAnyCall() {
        UUID agentId = UUID.randomUUID();
        Map<String, Object> config = resolvedAgent(agentId, null);
        config.put("input_token_limit", 3);
        config.put("model_provider", "mock");
        config.put("model_name", "limited");
        stub(agentId, config);
        String m = marker();

        JsonPath run = Runs.execute(Map.of("agent_id", agentId.toString(), "input_data", "far more than three tokens " + m));

        assertThat(run.getString("status")).isEqualTo("failed");
        assertThat(run.getString("error")).startsWith("stage 0").contains("input_token_limit of 3");
        assertThat(run.getList("stages")).isEmpty();
    }

    @Test
    void anUnknownAgentFailsTheRun() {
        UUID agentId = UUID.randomUUID();
        variantService.register(get(urlEqualTo("/api/agents/" + agentId + "/resolved-config"))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":404,\"title\":\"Not Found\"}")));

        JsonPath run = Runs.execute(Map.of("agent_id", agentId.toString()));

        assertThat(run.getString("status")).isEqualTo("failed");
        assertThat(run.getString("error")).contains("agent " + agentId).contains("does not exist");
        variantService.verifyThat(1, getRequestedFor(urlEqualTo("/api/agents/" + agentId + "/resolved-config")));
    }

    @Test
    void variantServiceDownFailsTheRunNamingIt() {
        UUID agentId = UUID.randomUUID();
        variantService.register(get(urlEqualTo("/api/agents/" + agentId + "/resolved-config"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        JsonPath run = Runs.execute(Map.of("agent_id", agentId.toString()));

        assertThat(run.getString("status")).isEqualTo("failed");
        assertThat(run.getString("error")).contains("variant-service");
        assertThat(run.getString("completed_at")).isNotNull();
    }

    @Test
    void variantServiceAnswering503IsRetriedAFewTimesThenFailsTheRun() {
        UUID agentId = UUID.randomUUID();
        variantService.register(get(urlEqualTo("/api/agents/" + agentId + "/resolved-config"))
                .willReturn(aResponse().withStatus(503)));

        JsonPath run = Runs.execute(Map.of("agent_id", agentId.toString()));

        assertThat(run.getString("status")).isEqualTo("failed");
        assertThat(run.getString("error")).contains("variant-service").contains("HTTP 503");
        variantService.verifyThat(3, getRequestedFor(urlEqualTo("/api/agents/" + agentId + "/resolved-config")));
    }

    @Test
    void variantServiceAnswering500IsNotRetried() {
        UUID agentId = UUID.randomUUID();
        variantService.register(get(urlEqualTo("/api/agents/" + agentId + "/resolved-config"))
                .willReturn(aResponse().withStatus(500)));

        JsonPath run = Runs.execute(Map.of("agent_id", agentId.toString()));

        assertThat(run.getString("status")).isEqualTo("failed");
        assertThat(run.getString("error")).contains("variant-service").contains("HTTP 500");
        variantService.verifyThat(1, getRequestedFor(urlEqualTo("/api/agents/" + agentId + "/resolved-config")));
    }

    @Test
    void aSlowVariantServiceIsCutOffAtItsTimeoutAndRetried() {
        UUID agentId = UUID.randomUUID();
        variantService.register(get(urlEqualTo("/api/agents/" + agentId + "/resolved-config"))
                .willReturn(okJson(json(resolvedAgent(agentId, null))).withFixedDelay(
                        (int) peerTimeout.multipliedBy(3).toMillis())));

        JsonPath run = Runs.execute(Map.of("agent_id", agentId.toString()));

        assertThat(run.getString("status")).isEqualTo("failed");
        assertThat(run.getString("error")).contains("variant-service")
                .contains("no answer within " + peerTimeout.toMillis() + " ms");
        variantService.verifyThat(3, getRequestedFor(urlEqualTo("/api/agents/" + agentId + "/resolved-config")));
    }

    @Test
    void aRunThatTakesEverythingFromTheAgentOverridesNothingAndRecordsTheAgentsModel() {
        UUID agentId = UUID.randomUUID();
        Map<String, Object> config = resolvedAgent(agentId, UUID.randomUUID());
        config.put("model_provider", "mock");
        config.put("model_name", "agent-model");
        stub(agentId, config);

        List<RunEvent> events = new CopyOnWriteArrayList<>();
        JsonPath run;
        try (RunEventBus.Registration ignored = bus.listen(events::add)) {
            run = Runs.execute(Map.of("agent_id", agentId.toString(), "input_data", "plain " + marker()));
            await().atMost(Duration.ofSeconds(10)).until(() -> outcome(events, run.getString("id")) != null);
        }

        assertThat(run.getString("status")).isEqualTo("completed");
        assertThat(run.getList("overridden_fields")).isEmpty();
        assertThat(run.getString("model")).isEqualTo("mock:agent-model");
        assertThat(outcome(events, run.getString("id")).data().get("overridden_fields")).isEmpty();
    }

    @Test
    void aRunThatSetsItsOwnModelAndPromptSaysSoInTheRunAndItsCompletedEvent() {
        UUID agentId = UUID.randomUUID();
        Map<String, Object> config = resolvedAgent(agentId, UUID.randomUUID());
        config.put("user_prompt_template", "agent: {{ input }}");
        stub(agentId, config);
        String m = marker();

        List<RunEvent> events = new CopyOnWriteArrayList<>();
        JsonPath run;
        try (RunEventBus.Registration ignored = bus.listen(events::add)) {
            run = Runs.execute(Map.of("agent_id", agentId.toString(), "model", "mock:mine", "prompt", "mine: {{ input }}",
                    "input_data", m));
            await().atMost(Duration.ofSeconds(10)).until(() -> outcome(events, run.getString("id")) != null);
        }

        assertThat(run.getString("status")).isEqualTo("completed");
        assertThat(run.getString("stages[0].prompt_sent")).isEqualTo("mine: " + m);
        assertThat(run.getList("overridden_fields")).containsExactly("model", "prompt");
        assertThat(run.getString("model")).isEqualTo("mock:mine");
        RunEvent completed = outcome(events, run.getString("id"));
        assertThat(completed.type()).isEqualTo(RunEvent.COMPLETED);
        assertThat(completed.data().get("overridden_fields").toString()).isEqualTo("[\"model\",\"prompt\"]");
    }

    @Test
    void aPipelineOfAnAgentOverridesItsStageTemplatesAndTheModelsItNames() {
        UUID agentId = UUID.randomUUID();
        stub(agentId, resolvedAgent(agentId, null));

        JsonPath run = Runs.execute(Map.of("agent_id", agentId.toString(), "input_data", marker(),
                "pipeline_stages", List.of(Map.of("prompt_template", "one {{ input }}"),
                        Map.of("prompt_template", "two {{ prev_output }}", "model", "mock:second"))));

        assertThat(run.getString("status")).isEqualTo("completed");
        assertThat(run.getList("overridden_fields")).containsExactly("pipeline_stages[0].prompt_template",
                "pipeline_stages[1].prompt_template", "pipeline_stages[1].model");
    }

    @Test
    void aFailedRunThatOverrodeTheAgentSaysSoInItsFailedEvent() {
        UUID agentId = UUID.randomUUID();
        stub(agentId, resolvedAgent(agentId, UUID.randomUUID()));

        List<RunEvent> events = new CopyOnWriteArrayList<>();
        JsonPath run;
        try (RunEventBus.Registration ignored = bus.listen(events::add)) {
            run = Runs.execute(Map.of("agent_id", agentId.toString(), "model", "mock:fail", "input_data", marker()));
            await().atMost(Duration.ofSeconds(10)).until(() -> outcome(events, run.getString("id")) != null);
        }

        assertThat(run.getString("status")).isEqualTo("failed");
        RunEvent failed = outcome(events, run.getString("id"));
        assertThat(failed.type()).isEqualTo(RunEvent.FAILED);
        assertThat(failed.data().get("overridden_fields").toString()).isEqualTo("[\"model\"]");
    }

    private static RunEvent outcome(List<RunEvent> events, String runId) {
        return events.stream().filter(e -> (e.type().equals(RunEvent.COMPLETED) || e.type().equals(RunEvent.FAILED))
                && e.runId().toString().equals(runId)).findFirst().orElse(null);
    }

    private void stub(UUID agentId, Map<String, Object> config) {
        variantService.register(get(urlEqualTo("/api/agents/" + agentId + "/resolved-config")).willReturn(okJson(json(config))));
    }
}
