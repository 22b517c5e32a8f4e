package dev.flywheel.run.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.run.adapter.ModelRef;
import dev.flywheel.run.agent.ResolvedAgentConfig;
import dev.flywheel.run.run.RunRequest;
import dev.flywheel.run.run.StageRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a run config, and the agent config it was resolved to, into the stages to execute (SPEC §5).
 * The agent's values are the base and what the run config states explicitly wins: the agent's
 * user_prompt_template is the template when the run gives none, its model when the run names none.
 * {@code system_prompt}, {@code timeout_seconds} and {@code max_retries} in params steer the call and are
 * not sent to the provider as generation parameters.
 */
public final class RunPlanner {

    static final String SYSTEM_PROMPT = "system_prompt";
    static final String TIMEOUT_SECONDS = "timeout_seconds";
    static final String MAX_RETRIES = "max_retries";
    private static final String AGENT_DEFAULT_TEMPLATE = "{{ input }}";

    private final Duration defaultTimeout;
    private final int defaultRetries;

    public RunPlanner(Duration defaultTimeout, int defaultRetries) {
        this.defaultTimeout = defaultTimeout;
        this.defaultRetries = defaultRetries;
    }

    public RunPlan plan(RunRequest request, ResolvedAgentConfig agent) {
        ObjectNode base = agentParams(agent);
        merge(base, request.params());
        String baseModel = baseModel(request, agent);

        List<PlannedStage> stages = new ArrayList<>();
        if (request.pipelineStages() != null) {
            for (StageRequest stage : request.pipelineStages()) {
                ObjectNode params = base.deepCopy();
                merge(params, stage.params());
                stages.add(stage(stages.size(), stage.promptTemplate(), stage.model() != null ? stage.model() : baseModel, params));
            }
        } else {
            String template = request.prompt() != null ? request.prompt()
                    : agent != null && agent.userPromptTemplate() != null && !agent.userPromptTemplate().isBlank()
                            ? agent.userPromptTemplate()
                            : AGENT_DEFAULT_TEMPLATE;
            stages.add(stage(0, template, baseModel, base));
        }
        return new RunPlan(List.copyOf(stages), positive(agent == null ? null : agent.tokenBudget()),
                positive(agent == null ? null : agent.inputTokenLimit()),
                agent == null ? null : agent.agentId(), agent == null ? null : agent.variantId());
    }

    /** The model of the run's first stage as it will be called, unparsed, for the run's record. */
    public static String firstStageModel(RunRequest request, ResolvedAgentConfig agent) {
        List<StageRequest> stages = request.pipelineStages();
        return stages != null && !stages.isEmpty() && stages.get(0).model() != null ? stages.get(0).model()
                : baseModel(request, agent);
    }

    private static String baseModel(RunRequest request, ResolvedAgentConfig agent) {
        return request.model() != null ? request.model()
                : agent != null && agent.modelName() != null && !agent.modelName().isBlank()
                        ? agent.modelProvider() + ":" + agent.modelName()
                        : RunRequest.DEFAULT_MODEL;
    }

    private PlannedStage stage(int index, String template, String model, ObjectNode params) {
        ObjectNode sent = params.deepCopy();
        JsonNode system = sent.remove(SYSTEM_PROMPT);
        JsonNode timeout = sent.remove(TIMEOUT_SECONDS);
        JsonNode retries = sent.remove(MAX_RETRIES);
        ObjectNode key = sent.deepCopy();
        if (system != null && !system.asText().isEmpty()) {
            key.put(SYSTEM_PROMPT, system.asText());
        }
        return new PlannedStage(index, template, ModelRef.parse(model), sent,
                system == null || system.isNull() ? null : system.asText(),
                timeout != null && timeout.asDouble() > 0 ? Duration.ofMillis((long) (timeout.asDouble() * 1000)) : defaultTimeout,
                retries != null && retries.canConvertToInt() && retries.asInt() >= 0 ? retries.asInt() : defaultRetries, key);
    }

    private static ObjectNode agentParams(ResolvedAgentConfig agent) {
        ObjectNode params = JsonNodeFactory.instance.objectNode();
        if (agent == null) {
            return params;
        }
        if (agent.temperature() != null) {
            params.put("temperature", agent.temperature());
        }
        if (agent.maxTokens() != null && agent.maxTokens() > 0) {
            params.put("max_tokens", agent.maxTokens());
        }
        if (agent.systemPrompt() != null && !agent.systemPrompt().isEmpty()) {
            params.put(SYSTEM_PROMPT, agent.systemPrompt());
        }
        if (agent.timeoutSeconds() != null && agent.timeoutSeconds() > 0) {
            params.put(TIMEOUT_SECONDS, agent.timeoutSeconds());
        }
        if (agent.maxRetries() != null && agent.maxRetries() >= 0) {
            params.put(MAX_RETRIES, agent.maxRetries());
        }
        return params;
    }

    private static void merge(ObjectNode target, JsonNode overrides) {
        if (overrides != null && overrides.isObject()) {
            overrides.fields().forEachRemaining(field -> target.set(field.getKey(), field.getValue()));
        }
    }

    private static int positive(Integer value) {
        return value == null || value < 0 ? 0 : value;
    }
}
