package dev.flywheel.run.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.run.adapter.ModelRef;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A run config (SPEC §5), the body of {@code POST /api/experiments/{id}/runs}: one stage
 * ({@code prompt}, {@code model}, {@code params}) or {@code pipeline_stages}, plus the input, an optional
 * agent, scorers, cache use, the repeat index and {@code vars} (template variables, SPEC §10). Stored as given, it is the run's {@code config}.
 */
public record RunRequest(
        @Size(max = 100_000) String prompt,
        @Size(max = 200) String model,
        JsonNode params,
        @Valid @Size(min = 1, max = 100) List<StageRequest> pipelineStages,
        JsonNode inputData,
        UUID agentId,
        @Size(min = 1, max = 200) String agentSlug,
        JsonNode scorers,
        Boolean cache,
        @PositiveOrZero @Max(1_000_000) Integer repeat,
        JsonNode vars) {

    /** The built-in adapter is the default model, so the suite runs with no LLM at all. */
    public static final String DEFAULT_MODEL = "echo:any";

    /** Whether the response cache may be used (SPEC §5: by default it is). */
    public boolean cacheEnabled() {
        return cache == null || cache;
    }

    public int repeatIndex() {
        return repeat == null ? 0 : repeat;
    }

    public boolean agentLinked() {
        return agentId != null || agentSlug != null;
    }

    /**
     * The first stage's model as the run names it ({@code provider:model_name}); empty when it is left to the
     * agent, which is known only once the agent is resolved.
     */
    public Optional<String> firstStageModel() {
        String named = pipelineStages != null && !pipelineStages.isEmpty() && pipelineStages.get(0).model() != null
                ? pipelineStages.get(0).model() : model;
        if (named != null) {
            return Optional.of(ModelRef.parse(named).toString());
        }
        return agentLinked() ? Optional.empty() : Optional.of(DEFAULT_MODEL);
    }

    public RunRequest withScorers(JsonNode defaultScorers) {
        return new RunRequest(prompt, model, params, pipelineStages, inputData, agentId, agentSlug, defaultScorers, cache,
                repeat, vars);
    }
}
