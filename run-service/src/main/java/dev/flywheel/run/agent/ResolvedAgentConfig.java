package dev.flywheel.run.agent;

import java.util.UUID;

/** variant-service's resolved config of an agent (its active variant's values, else the agent's). */
public record ResolvedAgentConfig(UUID agentId, UUID variantId, String modelProvider, String modelName,
        String systemPrompt, String userPromptTemplate, String promptVersion, Double temperature, Integer maxTokens,
        Integer contextWindow, Integer inputTokenLimit, Integer tokenBudget, Integer timeoutSeconds, Integer maxRetries) {
}
