package dev.flywheel.selftest.api;

import dev.flywheel.selftest.capability.Capability;
import dev.flywheel.selftest.loop.Trigger;
import java.time.Instant;
import java.util.UUID;

/** One recorded probe result. */
public record EventView(UUID id, Capability capability, boolean success, String details, String errorType,
        long durationMs, Trigger trigger, Instant recordedAt) {
}
