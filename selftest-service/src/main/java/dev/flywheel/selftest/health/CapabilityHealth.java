package dev.flywheel.selftest.health;

import dev.flywheel.selftest.capability.Capability;
import dev.flywheel.selftest.capability.CapabilityStatus;
import java.time.Instant;

/** One capability's line in the health snapshot. */
public record CapabilityHealth(Capability capability, CapabilityStatus status, int consecutiveFailures,
        Instant lastRunAt, String lastDetails, String lastErrorType) {
}
