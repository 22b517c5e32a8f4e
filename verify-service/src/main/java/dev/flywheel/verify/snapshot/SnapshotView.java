package dev.flywheel.verify.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.verify.assess.VerificationResult;
import java.time.Instant;
import java.util.UUID;

/** An evidence snapshot as the API shows it (SPEC §6). */
public record SnapshotView(UUID id, String incidentId, JsonNode preExecutionState, JsonNode postState,
        String actionTaken, VerificationResult verificationResult, Instant createdAt) {

    static SnapshotView of(EvidenceSnapshot snapshot) {
        return new SnapshotView(snapshot.id, snapshot.incidentId, snapshot.preExecutionState, snapshot.postState,
                snapshot.actionTaken, VerificationResult.fromWire(snapshot.verificationResult), snapshot.createdAt);
    }
}
