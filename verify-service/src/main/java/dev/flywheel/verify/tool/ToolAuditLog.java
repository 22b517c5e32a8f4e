package dev.flywheel.verify.tool;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Records every tool call in {@code tool_audit} (SPEC §6). Written with the reactive client rather
 * than a Hibernate session because a verification's tools run in parallel on one Vert.x context,
 * where a shared session may not be used concurrently.
 */
@ApplicationScoped
public class ToolAuditLog {

    // JSON travels as text and is cast in SQL: the pg client would otherwise send a String as a JSON string.
    static final String INSERT = """
            insert into tool_audit (tool, scope, trace_id, incident_id, session_id, flywheel_node, agent_role,
                                    parameters, success, output, error, duration_ms)
            values ($1, 'read', $2, $3, $4, $5, $6, $7::text::jsonb, $8, $9::text::jsonb, $10, $11)""";

    private final Pool pool;

    public ToolAuditLog(Pool pool) {
        this.pool = pool;
    }

    /** Stores one call; parameters and the result's output must already be redacted and capped. */
    public Uni<Void> record(AuditContext context, JsonNode redactedParameters, ToolResult result) {
        Tuple row = Tuple.tuple()
                .addString(result.tool())
                .addString(context.traceId())
                .addString(context.incidentId())
                .addString(context.sessionId())
                .addString(context.flywheelNode())
                .addString(context.agentRole())
                .addString(redactedParameters.toString())
                .addBoolean(result.success())
                .addString(result.output() == null ? null : result.output().toString())
                .addString(result.error())
                .addLong(result.durationMs());
        return pool.preparedQuery(INSERT).execute(row).replaceWithVoid();
    }
}
