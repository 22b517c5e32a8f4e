package dev.flywheel.run.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/experiments}: a name, an optional description and optional default scorers. */
public record ExperimentRequest(@NotBlank @Size(max = 200) String name, @Size(max = 2000) String description,
        JsonNode scoringConfig) {
}
