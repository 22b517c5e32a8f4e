package dev.flywheel.run.run;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** One pipeline stage: a Jinja2 template, the model (provider:model_name) and generation parameters. */
public record StageRequest(@NotNull @Size(max = 100_000) String promptTemplate, @Size(max = 200) String model,
        JsonNode params) {
}
