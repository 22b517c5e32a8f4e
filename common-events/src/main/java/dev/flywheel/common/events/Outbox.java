package dev.flywheel.common.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

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

    /** Appends an event within the current Hibernate Reactive session and its transaction; answers its id. */
    public Uni<UUID> append(String type, Object data) {
        Envelope event = envelope(type, data);
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(INSERT_HQL_NATIVE)
                        .setParameter("id", event.id())
                        .setParameter("type", type)
                        .setParameter("envelope", serialize(event))
                        .executeUpdate())
                .replaceWith(event.id());
    }

    /** Appends an event through a reactive SQL client, typically a connection inside its transaction; answers its id. */
    public Uni<UUID> append(SqlClient client, String type, Object data) {
        Envelope event = envelope(type, data);
        return client.preparedQuery(INSERT).execute(Tuple.of(event.id(), type, serialize(event))).replaceWith(event.id());
    }

    /** Appends events of one type in a single round trip (a pipelined batch), in the order given; answers their ids. */
    public Uni<List<UUID>> appendAll(SqlClient client, String type, List<?> data) {
        if (data.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Envelope> events = data.stream().map(item -> envelope(type, item)).toList();
        List<Tuple> rows = events.stream().map(event -> Tuple.of(event.id(), type, serialize(event))).toList();
        return client.preparedQuery(INSERT).executeBatch(rows).replaceWith(events.stream().map(Envelope::id).toList());
    }

    private Envelope envelope(String type, Object data) {
        return new Envelope(CloudEvent.SPEC_VERSION, UUID.randomUUID(), config.source(), type,
                Instant.now().truncatedTo(ChronoUnit.MICROS), "application/json", data);
    }

    private String serialize(Envelope event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + event.type() + " cannot be serialised", e);
        }
    }

    /**
     * A {@link CloudEvent} as it is written: the same JSON, with the data object serialised straight into it, in one
     * pass, rather than turned into a tree first and the tree serialised.
     */
    private record Envelope(String specversion, UUID id, String source, String type, Instant time, String datacontenttype,
            Object data) {
    }
}
