package dev.flywheel.verify.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** What one tool call answered; {@code output} is already redacted and size-capped. */
public record ToolResult(String tool, boolean success, JsonNode output, String error, long durationMs) {

    public static ToolResult succeeded(String tool, JsonNode output, long durationMs) {
        return new ToolResult(tool, true, output, null, durationMs);
    }

    public static ToolResult failed(String tool, String error, long durationMs) {
        return new ToolResult(tool, false, JsonNodeFactory.instance.objectNode(), error, durationMs);
    }
}
