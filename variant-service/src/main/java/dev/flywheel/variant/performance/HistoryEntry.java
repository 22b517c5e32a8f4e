package dev.flywheel.variant.performance;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One recorded run outcome of a variant. {@code counted} is false for a run that set its own model or template
 * ({@code overridden_fields}): it is history, not the variant's performance, and no metric includes it.
 */
public record HistoryEntry(UUID id, UUID runId, UUID eventId, boolean success, long latencyMs, long tokensIn,
        long tokensOut, Double score, Instant recordedAt, List<String> overriddenFields, boolean counted) {
}
