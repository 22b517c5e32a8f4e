package dev.flywheel.selftest.api;

import dev.flywheel.selftest.capability.Capability;
import java.time.Instant;
import java.util.UUID;

/** An upgrade proposal filed for a failing streak; {@code status} is open until the capability recovers. */
public record ProposalView(UUID id, Capability capability, String title, String body, String status,
        int failuresAtFiling, Instant filedAt, Instant resolvedAt) {
}
