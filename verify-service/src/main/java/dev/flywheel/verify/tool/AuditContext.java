package dev.flywheel.verify.tool;

import jakarta.validation.constraints.Size;

/**
 * The {@code _mcp_audit} context every tool call carries (SPEC §6): who asked, for which incident,
 * in which phase. The trace id of the audit row is the incident id.
 */
public record AuditContext(
        @Size(max = 200) String incidentId,
        @Size(max = 300) String sessionId,
        @Size(max = 100) String flywheelNode,
        @Size(max = 100) String agentRole) {

    /** The parameter name the context travels under. */
    public static final String PARAMETER = "_mcp_audit";
    public static final String FLYWHEEL_NODE = "verify";
    public static final String AGENT_ROLE = "post_execution_verifier";

    /** The context of the verifier's own calls for an incident in one phase ({@code post_execution}, …). */
    public static AuditContext forIncident(String incidentId, String phase) {
        return new AuditContext(incidentId, "incident:" + incidentId + ":" + phase, FLYWHEEL_NODE, AGENT_ROLE);
    }

    /** The context of a call made directly through the API without one: traced by its request id. */
    public static AuditContext forRequest(String requestId) {
        return new AuditContext(null, requestId == null ? null : "request:" + requestId, FLYWHEEL_NODE, null);
    }

    /** The audit trace id: the incident when there is one, else the session. */
    public String traceId() {
        if (incidentId != null && !incidentId.isBlank()) {
            return incidentId;
        }
        return sessionId == null ? "unknown" : sessionId;
    }
}
