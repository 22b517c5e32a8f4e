package dev.flywheel.common.events;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Moves committed events from the outbox to Redis: {@code PUBLISH} on the live channel and {@code XADD}
 * on the durable stream, then deletes them. Rows are claimed with {@code FOR UPDATE SKIP LOCKED} so
 * replicas share the work; when Redis fails the transaction rolls back and the rows wait for the next
 * round, so an outage delays events but never loses them. Delivery is at least once: consumers
 * de-duplicate by event id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    static final String CLAIM = "select id, event_type, envelope from outbox order by id limit $1 for update skip locked";
    static final String DELETE = "delete from outbox where id = any($1)";
    static final String BACKLOG = "select count(*) from outbox";

    private final Pool pool;
    private final EventsConfig config;
    private final ReactivePubSubCommands<String> pubsub;
    private final ReactiveStreamCommands<String, String, String> streams;
    private final AtomicBoolean redisDown = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    public OutboxRelay(Pool pool, ReactiveRedisDataSource redis, EventsConfig config) {
        this.pool = pool;
        this.config = config;
        this.pubsub = redis.pubsub(String.class);
        this.streams = redis.stream(String.class);
    }

    // A Vert.x timer, not @Scheduled: Quarkus's scheduler runs nothing more often than once a second, and
    // events feed live views and the performance stream.
    void start(@Observes StartupEvent event, Vertx vertx) {
        if (config.relay().enabled()) {
            timer = vertx.setPeriodic(config.relay().interval().toMillis(), id -> tick());
        }
    }

    void stop(@Observes ShutdownEvent event, Vertx vertx) {
        vertx.cancelTimer(timer);
    }

    /** One relay round, skipped while the previous one still runs. */
    void tick() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        relayBatch().replaceWithVoid()
                .onFailure().recoverWithItem(this::outage)
                .onTermination().invoke(() -> running.set(false))
                .subscribe().with(ignored -> { });
    }

    /** Relays one batch and answers how many events went out. */
    public Uni<Integer> relayBatch() {
        return pool.withTransaction(connection -> claim(connection)
                .chain(rows -> rows.isEmpty() ? Uni.createFrom().item(0) : send(rows).chain(() -> delete(connection, rows))))
                .invoke(count -> {
                    if (count > 0 && redisDown.compareAndSet(true, false)) {
                        LOG.info("Redis is back: the outbox is draining");
                    }
                });
    }

    /** Events written but not yet relayed. */
    public Uni<Long> backlog() {
        return pool.query(BACKLOG).execute().map(rows -> rows.iterator().next().getLong(0));
    }

    private Uni<List<Row>> claim(SqlConnection connection) {
        return connection.preparedQuery(CLAIM).execute(Tuple.of(config.relay().batchSize())).map(rows -> {
            List<Row> claimed = new ArrayList<>(rows.size());
            rows.forEach(claimed::add);
            return claimed;
        });
    }

    private Uni<Void> send(List<Row> rows) {
        String channel = Channels.live(config.source());
        String stream = Channels.stream(config.source());
        XAddArgs trim = new XAddArgs().maxlen(config.relay().streamMaxLength()).nearlyExactTrimming();
        // One event at a time keeps the stream in outbox order.
        return Multi.createFrom().iterable(rows)
                .onItem().transformToUniAndConcatenate(row -> {
                    String envelope = row.getString("envelope");
                    return streams.xadd(stream, trim, Map.of("type", row.getString("event_type"), "envelope", envelope))
                            .chain(() -> pubsub.publish(channel, envelope));
                })
                .collect().last()
                .ifNoItem().after(config.relay().redisTimeout()).fail()
                .replaceWithVoid();
    }

    private Uni<Integer> delete(SqlConnection connection, List<Row> rows) {
        Long[] ids = rows.stream().map(row -> row.getLong("id")).toArray(Long[]::new);
        return connection.preparedQuery(DELETE).execute(Tuple.of(ids)).replaceWith(rows.size());
    }

    private Void outage(Throwable failure) {
        if (redisDown.compareAndSet(false, true)) {
            LOG.warnf("outbox relay paused, events wait in the outbox: %s", failure.getMessage());
        }
        return null;
    }
}
