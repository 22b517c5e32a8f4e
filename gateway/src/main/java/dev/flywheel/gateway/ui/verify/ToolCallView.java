package dev.flywheel.gateway.ui.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.gateway.ui.JsonModel;
import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.List;

/** One audited tool call of an incident (verify-service's {@code tool-calls}), parameters already redacted there. */
@TemplateData
public record ToolCallView(String tool, String scope, boolean success, long durationMs, String calledAt,
        String parameters, String error) {

    static List<ToolCallView> list(JsonNode items) {
        List<ToolCallView> calls = new ArrayList<>();
        for (JsonNode call : items) {
            calls.add(new ToolCallView(call.path("tool").asText(""), call.path("scope").asText(""),
                    call.path("success").asBoolean(), call.path("duration_ms").asLong(),
                    call.path("called_at").asText(""), JsonModel.pretty(call.path("parameters")),
                    call.path("error").textValue()));
        }
        return calls;
    }
}
