package dev.flywheel.selftest.peer;

import com.fasterxml.jackson.databind.JsonNode;

/** verify-service's answer to one tool execution. */
public record ToolExecution(String tool, Boolean success, JsonNode output, String error, Long durationMs) {
}
