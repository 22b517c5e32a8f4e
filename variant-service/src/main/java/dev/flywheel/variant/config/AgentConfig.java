package dev.flywheel.variant.config;

import jakarta.persistence.Embeddable;

/**
 * The twelve settings an agent runs with (SPEC §4). Agents and variants both hold a complete one, so
 * resolving a config never has to merge field by field.
 */
@Embeddable
public record AgentConfig(String modelProvider, String modelName, String systemPrompt, String userPromptTemplate,
        String promptVersion, Double temperature, Integer maxTokens, Integer contextWindow, Integer inputTokenLimit,
        Integer tokenBudget, Integer timeoutSeconds, Integer maxRetries) {

    /** SPEC §4 defaults for every field but the model name, which has none. */
    public static AgentConfig defaults(String modelName) {
        return new AgentConfig("ollama", modelName, "", "", "", 0.0, 32768, 0, 0, 0, 120, 2);
    }
}
