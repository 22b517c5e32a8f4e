package dev.flywheel.variant.config;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Some of the twelve config fields, each null when not given, and the one place their limits are declared:
 * agent and variant bodies carry it unwrapped (flat JSON), clone bodies as {@code overrides}. One rule serves
 * creation, PATCH and clone overrides: a field present and not null replaces the source's value, every other
 * field is kept.
 */
public record ConfigPatch(
        @Pattern(regexp = "[A-Za-z0-9._-]{1,100}", message = "must be 1-100 letters, digits, '.', '_' or '-'")
        String modelProvider,
        @NotNull(groups = AgentCreation.class)
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

    public static final ConfigPatch EMPTY = new ConfigPatch(null, null, null, null, null, null, null, null, null, null,
            null, null);

    public AgentConfig applyTo(AgentConfig source) {
        return new AgentConfig(
                pick(modelProvider, source.modelProvider()),
                pick(modelName, source.modelName()),
                pick(systemPrompt, source.systemPrompt()),
                pick(userPromptTemplate, source.userPromptTemplate()),
                pick(promptVersion, source.promptVersion()),
                pick(temperature, source.temperature()),
                pick(maxTokens, source.maxTokens()),
                pick(contextWindow, source.contextWindow()),
                pick(inputTokenLimit, source.inputTokenLimit()),
                pick(tokenBudget, source.tokenBudget()),
                pick(timeoutSeconds, source.timeoutSeconds()),
                pick(maxRetries, source.maxRetries()));
    }

    private static <T> T pick(T override, T source) {
        return override != null ? override : source;
    }
}
