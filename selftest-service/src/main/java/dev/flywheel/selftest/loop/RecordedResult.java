package dev.flywheel.selftest.loop;

import dev.flywheel.selftest.capability.Capability;
import dev.flywheel.selftest.capability.CapabilityStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * A probe result as the loop recorded it: the result event, the capability's failure streak after it, and
 * the proposal it filed or resolved, if any.
 */
public record RecordedResult(UUID eventId, Capability capability, boolean success, String details,
        String errorType, long durationMs, Trigger trigger, int consecutiveFailures, CapabilityStatus status,
        UUID filedProposalId, UUID resolvedProposalId, Instant recordedAt) {
}
