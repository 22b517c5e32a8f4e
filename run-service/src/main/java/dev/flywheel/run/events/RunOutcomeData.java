package dev.flywheel.run.events;

import java.util.UUID;

/**
 * Data of {@code run.completed} and {@code run.failed}, the contract variant-service consumes for its
 * performance log (latency_ms := duration_ms, score := mean_score).
 */
public record RunOutcomeData(UUID runId, UUID experimentId, UUID agentId, UUID variantId, String status, boolean success,
        Long durationMs, int tokensIn, int tokensOut, Double meanScore, String error) {
}
