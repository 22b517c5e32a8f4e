package dev.flywheel.verify.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.common.paging.Cursor;
import dev.flywheel.common.paging.Page;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

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

    static final String BY_TRACE = """
            select id, tool, scope, trace_id, incident_id, session_id, flywheel_node, agent_role,
                   parameters::text as parameters, success, output::text as output, error, duration_ms, called_at
            from tool_audit where trace_id = $1 and id > $2 order by id limit $3""";

    private final Pool pool;
    private final ObjectMapper mapper;

    public ToolAuditLog(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
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

    /** The calls traced under {@code traceId} (an incident id), oldest first, a page at a time. */
    public Uni<Page<ToolCallRecord>> forTrace(String traceId, int limit, String cursor) {
        Long after = Cursor.sequence(cursor);
        return pool.preparedQuery(BY_TRACE).execute(Tuple.of(traceId, after == null ? 0 : after, limit + 1))
                .map(rows -> {
                    List<ToolCallRecord> calls = new ArrayList<>();
                    rows.forEach(row -> calls.add(toRecord(row)));
                    return Page.of(calls, limit, call -> Cursor.ofSequence(call.id()), call -> call);
                });
    }

    private ToolCallRecord toRecord(Row row) {
        return new ToolCallRecord(row.getLong("id"), row.getString("tool"), row.getString("scope"),
                row.getString("trace_id"), row.getString("incident_id"), row.getString("session_id"),
                row.getString("flywheel_node"), row.getString("agent_role"), parse(row.getString("parameters")),
                row.getBoolean("success"), parse(row.getString("output")), row.getString("error"),
                row.getLong("duration_ms"), row.getOffsetDateTime("called_at").toInstant());
    }

    private JsonNode parse(String json) {
        try {
            return json == null ? null : mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("tool_audit holds invalid JSON", e);
        }
    }
}
