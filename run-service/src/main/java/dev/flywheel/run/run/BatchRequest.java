package dev.flywheel.run.run;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * A batch (SPEC §5): every combination of prompts × models × params grid × inputs, each repeated
 * {@code repeat} times. {@code params_grid} maps a parameter to the values to try, e.g.
 * {@code {"temperature": [0.2, 0.8]}}. The other options apply to every run.
 */
public record BatchRequest(
        @NotEmpty @Size(max = 100) List<@Size(max = 100_000) String> prompts,
        @Size(max = 50) List<@Size(max = 200) String> models,
        JsonNode paramsGrid,
        @Size(max = 1000) List<JsonNode> inputs,
        @Positive @Max(1000) Integer repeat,
        JsonNode scorers,
        Boolean cache,
        UUID agentId,
        @Size(min = 1, max = 200) String agentSlug,
        JsonNode vars) {
}
