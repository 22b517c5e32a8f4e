package dev.flywheel.gateway.ui.agents;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.gateway.ui.JsonModel;
import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.List;

/** One row of an agent's audit history, with the before and after values pretty-printed. */
@TemplateData
public record AuditLine(String action, String actor, String createdAt, String variantId, String before,
        String after) {

    static List<AuditLine> of(JsonNode items) {
        List<AuditLine> lines = new ArrayList<>();
        for (JsonNode entry : items) {
            lines.add(new AuditLine(entry.path("action").asText(""), entry.path("actor").asText(""),
                    entry.path("created_at").asText(""), entry.path("variant_id").textValue(),
                    entry.hasNonNull("before") ? JsonModel.pretty(entry.get("before")) : "",
                    entry.hasNonNull("after") ? JsonModel.pretty(entry.get("after")) : ""));
        }
        return lines;
    }
}
