package dev.flywheel.run.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** An experiment as the API answers it; {@code metrics} only on the single-experiment read. */
public record ExperimentView(UUID id, String name, String description, String status, JsonNode scoringConfig,
        Instant createdAt, ExperimentMetrics metrics) {
}
