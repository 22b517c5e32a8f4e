package dev.flywheel.selftest.health;

import dev.flywheel.selftest.capability.Capability;
import java.time.Instant;

/** A capability's stored streak and last result, as the loop left it. */
public record CapabilityState(Capability capability, int consecutiveFailures, Instant lastRunAt, String lastDetails,
        String lastErrorType) {

    public static CapabilityState neverRun(Capability capability) {
        return new CapabilityState(capability, 0, null, null, null);
    }
}
