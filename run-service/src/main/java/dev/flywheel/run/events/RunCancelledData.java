package dev.flywheel.run.events;

import java.util.UUID;

/** Data of {@code run.cancelled}; {@code attempt} is the claim the run was in (0 when it never started). */
public record RunCancelledData(UUID runId, UUID experimentId, UUID agentId, UUID variantId, String status, int attempt) {
}
