package dev.flywheel.variant.performance;

import java.time.Instant;
import java.util.UUID;

/** One recorded run outcome of a variant. */
public record HistoryEntry(UUID id, UUID runId, UUID eventId, boolean success, long latencyMs, long tokensIn,
        long tokensOut, Double score, Instant recordedAt) {
}
