package dev.flywheel.run.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A run as the API answers it (SPEC §5), with its stages, scores and scorer errors. */
public record RunView(UUID id, UUID experimentId, String status, JsonNode config, UUID agentId, UUID variantId,
        int tokensIn, int tokensOut, Long durationMs, String error, int attempt, Double meanScore, Instant createdAt,
        Instant startedAt, Instant completedAt, List<StageView> stages, List<ScoreView> scores,
        List<ScorerErrorView> scorerErrors) {
}
