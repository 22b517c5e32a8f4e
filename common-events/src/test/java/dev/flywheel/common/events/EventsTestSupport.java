package dev.flywheel.common.events;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import dev.flywheel.common.context.SafeContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;

/** A stand-in for a service's own transactional work in the events tests. */
@ApplicationScoped
public class EventsTestSupport {

    @Inject
    Outbox outbox;
    @Inject
    Vertx vertx;

    /** Writes a widget and announces it, in one transaction, answering the event's id; fails after the writes when asked to. */
    public Uni<UUID> createWidget(String name, boolean failAfterWrite) {
        return SafeContext.run(vertx, () -> Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery("insert into widget (id, name) values (:id, :name)")
                        .setParameter("id", UUID.randomUUID())
                        .setParameter("name", name)
                        .executeUpdate())
                .chain(() -> outbox.append("widget.created", Map.of("widget_name", name)))
                .invoke(() -> {
                    if (failAfterWrite) {
                        throw new IllegalStateException("rolled back on purpose");
                    }
                })));
    }

    /** Records an event once, idempotently by id, as a consumer's transaction would. */
    public Uni<Void> record(CloudEvent event) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(
                        "insert into handled_event (event_id, type) values (:id, :type) on conflict do nothing")
                        .setParameter("id", event.id())
                        .setParameter("type", event.type())
                        .executeUpdate()))
                .replaceWithVoid();
    }

    public Uni<Long> handledCount(String type) {
        return SafeContext.run(vertx, () -> Panache.withSession(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery("select count(*) from handled_event where type = :type",
                        Long.class).setParameter("type", type).getSingleResult())));
    }
}
