package dev.flywheel.run.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/** A run this worker holds a lease on, with what it needs to execute it. */
public record ClaimedRun(UUID id, UUID experimentId, UUID agentId, int attempt, JsonNode config, String owner) {
}
