package dev.flywheel.verify.verification;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.verify.incident.Incident;
import java.util.UUID;

/** What the runner needs to carry out an accepted verification. */
public record VerificationJob(UUID id, String incidentId, Incident incident, String actionTaken, int warmupSec,
        JsonNode preState) {
}
