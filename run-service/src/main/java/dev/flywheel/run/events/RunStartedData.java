package dev.flywheel.run.events;

import java.util.UUID;

/** Data of {@code run.started}; {@code attempt} is above 1 when a run is claimed again after its lease expired. */
public record RunStartedData(UUID runId, UUID experimentId, UUID agentId, int attempt) {
}
