package dev.flywheel.verify.tool;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One audited tool call as {@code GET /api/incidents/{id}/tool-calls} shows it. */
public record ToolCallRecord(long id, String tool, String scope, String traceId, String incidentId, String sessionId,
        String flywheelNode, String agentRole, JsonNode parameters, boolean success, JsonNode output, String error,
        long durationMs, Instant calledAt) {
}
