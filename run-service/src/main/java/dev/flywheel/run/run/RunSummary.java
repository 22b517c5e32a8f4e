package dev.flywheel.run.run;

import java.time.Instant;
import java.util.UUID;

/** A run in a list: everything but its config, stages and scores. */
public record RunSummary(UUID id, UUID experimentId, String status, UUID agentId, UUID variantId, int tokensIn,
        int tokensOut, Long durationMs, String error, Double meanScore, Instant createdAt, Instant startedAt,
        Instant completedAt) {
}
