package dev.flywheel.run.preview;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/templates/render} (SPEC §10): a template (or an agent whose template to use) and the variables a
 * stage would see: {@code input_data}, {@code vars}, {@code config}, earlier {@code stages}.
 */
public record TemplateRenderRequest(
        @Size(max = 100_000) String template,
        // Checked here, not left to variant-service: a preview asks it at once, and a bad slug is the caller's 400.
        @Size(min = 1, max = 200) @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*",
                message = "must be an agent slug: lowercase letters and digits, single hyphens between") String agentSlug,
        JsonNode inputData,
        JsonNode vars,
        JsonNode config,
        JsonNode stages) {
}
