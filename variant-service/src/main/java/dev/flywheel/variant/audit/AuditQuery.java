package dev.flywheel.variant.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.common.paging.Cursor;
import dev.flywheel.common.paging.Page;
import dev.flywheel.common.problem.ResourceNotFound;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads an agent's audit trail, newest first. It outlives the agent: a deleted agent's history stays readable. */
@ApplicationScoped
public class AuditQuery {

    static final String PAGE = """
            select id, agent_id, variant_id, action, actor, request_id, before::text as before, after::text as after,
                   created_at
            from variant_audit
            where agent_id = $1
              and ($2::timestamptz is null or (created_at, id) < ($2::timestamptz, $3::uuid))
            order by created_at desc, id desc
            limit $4""";

    static final String AGENT_EXISTS = "select 1 from agents where id = $1";

    private final Pool pool;
    private final ObjectMapper mapper;

    public AuditQuery(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    /** 404 only when the agent has no trail at all: neither it nor any record of it exists. */
    public Uni<Page<AuditEntry>> page(UUID agentId, Cursor after, int limit) {
        Tuple args = Tuple.of(agentId, after == null ? null : after.at().atOffset(ZoneOffset.UTC),
                after == null ? null : after.id(), limit + 1);
        return pool.preparedQuery(PAGE).execute(args).chain(rows -> {
            List<AuditEntry> entries = new ArrayList<>();
            rows.forEach(row -> entries.add(entry(row)));
            Page<AuditEntry> page = Page.of(entries, limit, entry -> new Cursor(entry.createdAt(), entry.id()).encode(),
                    entry -> entry);
            return entries.isEmpty() && after == null ? requireAgent(agentId).replaceWith(page)
                    : Uni.createFrom().item(page);
        });
    }

    private Uni<Void> requireAgent(UUID agentId) {
        return pool.preparedQuery(AGENT_EXISTS).execute(Tuple.of(agentId)).invoke(rows -> {
            if (rows.size() == 0) {
                throw new ResourceNotFound("agent", agentId);
            }
        }).replaceWithVoid();
    }

    private AuditEntry entry(Row row) {
        return new AuditEntry(row.getUUID("id"), row.getUUID("agent_id"), row.getUUID("variant_id"),
                row.getString("action"), row.getString("actor"), row.getString("request_id"),
                json(row.getString("before")), json(row.getString("after")),
                row.getOffsetDateTime("created_at").toInstant());
    }

    private JsonNode json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("variant_audit holds JSON that does not parse", e);
        }
    }
}
