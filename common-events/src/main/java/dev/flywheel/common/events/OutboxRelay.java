package dev.flywheel.common.events;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
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
    private final Redis redis;
    private final Channels channels;
    private final AtomicBoolean redisDown = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    public OutboxRelay(Pool pool, ReactiveRedisDataSource redis, EventsConfig config, Channels channels) {
        this.pool = pool;
        this.channels = channels;
        this.config = config;
        this.redis = redis.getRedis();
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
        String channel = channels.live(config.source());
        String stream = channels.stream(config.source());
        String maxLength = Long.toString(config.relay().streamMaxLength());
        // One pipelined batch on one connection: Redis runs it in order, so the stream keeps outbox order, and
        // a round costs one round trip instead of two per event.
        List<Request> commands = new ArrayList<>(rows.size() * 2);
        for (Row row : rows) {
            String envelope = row.getString("envelope");
            commands.add(Request.cmd(Command.XADD).arg(stream).arg("MAXLEN").arg("~").arg(maxLength).arg("*")
                    .arg("type").arg(row.getString("event_type")).arg("envelope").arg(envelope));
            commands.add(Request.cmd(Command.PUBLISH).arg(channel).arg(envelope));
        }
        return redis.batch(commands)
                .ifNoItem().after(config.relay().redisTimeout()).fail()
                .replaceWithVoid();
    }

    private Uni<Integer> delete(SqlConnection connection, List<Row> rows) {
        Long[] ids = rows.stream().map(row -> row.getLong("id")).toArray(Long[]::new);
        return connection.preparedQuery(DELETE).execute(Tuple.of(ids)).replaceWith(rows.size());
    }

    private Void outage(Throwable failure) {
        if (redisDown.compareAndSet(false, true)) {
            // toString, not getMessage: a timeout has no message, and "paused: null" tells an operator nothing.
            LOG.warnf("outbox relay paused, events wait in the outbox: %s", failure.toString());
        }
        return null;
    }
}
