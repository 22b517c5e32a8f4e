package dev.flywheel.run.preview;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/templates/render} (SPEC §10): a template (or an agent whose template to use) and the variables a
 * stage would see: {@code input_data}, {@code vars}, {@code config}, earlier {@code stages}.
 */
public record TemplateRenderRequest(
        @Size(max = 100_000) String template,
        @Size(min = 1, max = 200) String agentSlug,
        JsonNode inputData,
        JsonNode vars,
        JsonNode config,
        JsonNode stages) {
}
