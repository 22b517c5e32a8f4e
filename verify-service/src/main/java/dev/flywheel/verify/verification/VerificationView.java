package dev.flywheel.verify.verification;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.verify.assess.VerificationResult;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A verification as the API shows it (SPEC §6). */
public record VerificationView(UUID id, String incidentId, String actionTaken, VerificationStatus status,
        VerificationResult result, JsonNode preState, JsonNode postState,
        @Schema(nullable = true, description = "Why a finished verification has no post state (the collection timed"
                + " out, or every tool failed and with what error); null when the post state was collected or the"
                + " verification is pending")
        String failureReason,
        List<String> toolsUsed, UUID snapshotId, Instant createdAt, Instant completedAt) {

    static VerificationView of(Verification verification) {
        List<String> tools = List.of(verification.toolsUsed);
        return new VerificationView(verification.id, verification.incidentId, verification.actionTaken,
                verification.isDone() ? VerificationStatus.DONE : VerificationStatus.PENDING,
                VerificationResult.fromWire(verification.result), verification.preState, verification.postState,
                verification.failureReason, tools, verification.snapshotId, verification.createdAt, verification.completedAt);
    }
}
