package dev.flywheel.common.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Writes events into the service's {@code outbox} table in the same transaction as the change they
 * announce; {@link OutboxRelay} sends them to Redis after commit (SPEC §2). An event is therefore
 * published if and only if its change committed, and Redis being down never fails the change.
 */
@ApplicationScoped
public class Outbox {

    static final String INSERT = "insert into outbox (event_id, event_type, envelope) values ($1, $2, $3)";
    private static final String INSERT_HQL_NATIVE =
            "insert into outbox (event_id, event_type, envelope) values (:id, :type, :envelope)";

    private final ObjectMapper mapper;
    private final EventsConfig config;

    public Outbox(ObjectMapper mapper, EventsConfig config) {
        this.mapper = mapper;
        this.config = config;
    }

    /** Appends an event within the current Hibernate Reactive session and its transaction. */
    public Uni<CloudEvent> append(String type, Object data) {
        CloudEvent event = envelope(type, data);
        String json = serialize(event);
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(INSERT_HQL_NATIVE)
                        .setParameter("id", event.id())
                        .setParameter("type", type)
                        .setParameter("envelope", json)
                        .executeUpdate())
                .replaceWith(event);
    }

    /** Appends an event through a reactive SQL client, typically a connection inside its transaction. */
    public Uni<CloudEvent> append(SqlClient client, String type, Object data) {
        CloudEvent event = envelope(type, data);
        return client.preparedQuery(INSERT).execute(Tuple.of(event.id(), type, serialize(event))).replaceWith(event);
    }

    /** Appends events of one type in a single round trip (a pipelined batch), in the order given. */
    public Uni<List<CloudEvent>> appendAll(SqlClient client, String type, List<?> data) {
        if (data.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<CloudEvent> events = data.stream().map(item -> envelope(type, item)).toList();
        List<Tuple> rows = events.stream().map(event -> Tuple.of(event.id(), type, serialize(event))).toList();
        return client.preparedQuery(INSERT).executeBatch(rows).replaceWith(events);
    }

    private CloudEvent envelope(String type, Object data) {
        return CloudEvent.of(config.source(), type, mapper.valueToTree(data));
    }

    private String serialize(CloudEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + event.type() + " cannot be serialised", e);
        }
    }
}
