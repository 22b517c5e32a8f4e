package dev.flywheel.variant.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.common.actor.Actor;
import dev.flywheel.common.events.Outbox;
import dev.flywheel.common.requestid.RequestIds;
import dev.flywheel.variant.paging.Timestamps;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Records a change to an agent or variant inside the transaction that makes it: an audit row with the
 * before and after values, and a {@code variant.changed} event in the outbox that tells every replica to
 * evict the agent's resolved config. Both commit or roll back with the change itself.
 */
@ApplicationScoped
public class ChangeLog {

    // Typed as text first: a parameter Postgres infers as jsonb would get the JSON text stored as one JSON string.
    static final String INSERT = "insert into variant_audit (id, agent_id, variant_id, action, actor, request_id, before,"
            + " after, created_at) values (:id, :agentId, :variantId, :action, :actor, :requestId,"
            + " cast(cast(:before as text) as jsonb), cast(cast(:after as text) as jsonb), :createdAt)";
    private static final int ACTOR_MAX_LENGTH = 200;

    private final ObjectMapper mapper;
    private final Outbox outbox;
    private final CurrentVertxRequest request;

    public ChangeLog(ObjectMapper mapper, Outbox outbox, CurrentVertxRequest request) {
        this.mapper = mapper;
        this.outbox = outbox;
        this.request = request;
    }

    /** Must run inside the Hibernate Reactive transaction of the change. */
    public Uni<Void> record(AuditAction action, UUID agentId, UUID variantId, Object before, Object after) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(INSERT)
                        .setParameter("id", UUID.randomUUID())
                        .setParameter("agentId", agentId)
                        .setParameter("variantId", variantId)
                        .setParameter("action", action.code())
                        .setParameter("actor", actor())
                        .setParameter("requestId", RequestIds.current())
                        .setParameter("before", json(before))
                        .setParameter("after", json(after))
                        .setParameter("createdAt", Timestamps.now())
                        .executeUpdate())
                .chain(() -> outbox.append(VariantChanged.TYPE, new VariantChanged(agentId, variantId, action.code())))
                .replaceWithVoid();
    }

    private String actor() {
        RoutingContext context = request.getCurrent();
        String header = context == null ? null : context.request().getHeader(Actor.HEADER);
        if (header == null || header.isBlank()) {
            return "anonymous";
        }
        String actor = header.strip();
        return actor.length() > ACTOR_MAX_LENGTH ? actor.substring(0, ACTOR_MAX_LENGTH) : actor;
    }

    private String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit value cannot be serialised", e);
        }
    }
}
