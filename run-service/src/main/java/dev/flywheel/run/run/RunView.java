package dev.flywheel.run.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A run as the API answers it (SPEC §5), with its stages, scores and scorer errors; {@code model} is the first
 * stage's (null until an agent's is resolved) and {@code overridden_fields} what an agent-linked run set itself.
 */
public record RunView(UUID id, UUID experimentId, String status, JsonNode config, UUID agentId, UUID variantId,
        String model, List<String> overriddenFields,
        int tokensIn, int tokensOut, Long durationMs, String error, int attempt, Double meanScore, Instant createdAt,
        Instant startedAt, Instant completedAt, List<StageView> stages, List<ScoreView> scores,
        List<ScorerErrorView> scorerErrors) {
}
