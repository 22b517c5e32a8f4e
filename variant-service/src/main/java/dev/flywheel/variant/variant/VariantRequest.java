package dev.flywheel.variant.variant;

import dev.flywheel.variant.config.ConfigPatch;
import dev.flywheel.variant.config.OnCreate;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST} and {@code PATCH /api/agents/{id}/variants[/{variant_id}]}. Config fields left out
 * of a creation are copied from the agent's base config at that moment, so a variant is always complete.
 */
public record VariantRequest(
        @NotNull(groups = OnCreate.class) @Size(min = 1, max = 200)
        @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String variantName,
        @Size(max = 200) @Pattern(regexp = "^[a-z0-9]+(-[a-z0-9]+)*$", message = "must be lowercase letters and digits in groups joined by single hyphens")
        String variantSlug,
        @Size(max = 2000) String description,
        @Pattern(regexp = "[A-Za-z0-9._-]{1,100}", message = "must be 1-100 letters, digits, '.', '_' or '-'")
        String modelProvider,
        @Pattern(regexp = "\\S.{0,199}", flags = Pattern.Flag.DOTALL, message = "must be 1-200 characters, not starting blank")
        String modelName,
        @Size(max = 100_000) String systemPrompt,
        @Size(max = 100_000) String userPromptTemplate,
        @Size(max = 200) String promptVersion,
        @DecimalMin("0.0") @DecimalMax("2.0") Double temperature,
        @Min(1) Integer maxTokens,
        @Min(0) Integer contextWindow,
        @Min(0) Integer inputTokenLimit,
        @Min(0) Integer tokenBudget,
        @Min(1) @Max(600) Integer timeoutSeconds,
        @Min(0) @Max(10) Integer maxRetries) {

    public ConfigPatch config() {
        return new ConfigPatch(modelProvider, modelName, systemPrompt, userPromptTemplate, promptVersion, temperature,
                maxTokens, contextWindow, inputTokenLimit, tokenBudget, timeoutSeconds, maxRetries);
    }
}
