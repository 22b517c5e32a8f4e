package dev.flywheel.run.events;

import java.util.List;
import java.util.UUID;

/**
 * Data of {@code run.completed} and {@code run.failed}, the contract variant-service consumes for its
 * performance log (latency_ms := duration_ms, score := mean_score). {@code overridden_fields} names what an
 * agent-linked run set itself (SPEC §10); variant-service leaves such a run out of the variant's metrics.
 */
public record RunOutcomeData(UUID runId, UUID experimentId, UUID agentId, UUID variantId, String status, boolean success,
        Long durationMs, int tokensIn, int tokensOut, Double meanScore, String error, List<String> overriddenFields) {

    /** The stored overridden_fields column as the event carries it. */
    public static List<String> fields(String[] stored) {
        return stored == null ? List.of() : List.of(stored);
    }
}
