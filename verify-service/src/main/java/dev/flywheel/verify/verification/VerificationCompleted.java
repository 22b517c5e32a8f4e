package dev.flywheel.verify.verification;

import dev.flywheel.verify.assess.VerificationResult;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Data of the {@code verification.completed} event (SPEC §6). */
public record VerificationCompleted(UUID verificationId, String incidentId, VerificationResult result,
        String actionTaken, List<String> toolsUsed, UUID snapshotId, Instant completedAt) {

    public static final String TYPE = "verification.completed";
}
