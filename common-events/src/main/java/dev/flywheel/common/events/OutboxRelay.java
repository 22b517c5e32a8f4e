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
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Moves committed events from the outbox to Redis: {@code PUBLISH} on the live channel and {@code XADD}
 * on the durable stream, then deletes them. No transaction is open while Redis is talked to (SPEC §10 "Short
 * transactions"): a round claims a batch by marking it for {@code flywheel.events.relay.claim-lease} in one
 * statement (replicas skip rows another holds), sends it, then deletes it in a second statement. When Redis
 * fails the claim is released and the rows wait for the next round; when the relay dies mid-round the claim
 * expires. An outage delays events but never loses them; delivery is at least once, and consumers de-duplicate
 * by event id. The log names what failed, Postgres or Redis.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    static final String CLAIM = "update outbox set claimed_until = now() + make_interval(secs => $2)"
            + " where id in (select id from outbox where claimed_until is null or claimed_until < now()"
            + " order by id limit $1 for update skip locked)"
            + " returning id, event_type, envelope";
    static final String RELEASE = "update outbox set claimed_until = null where id = any($1)";
    static final String DELETE = "delete from outbox where id = any($1)";
    static final String BACKLOG = "select count(*) from outbox";

    /** What a relay round depends on; the one that failed is named in the log and watched for recovery. */
    enum Dependency {
        POSTGRES("Postgres"), REDIS("Redis");

        private final String label;

        Dependency(String label) {
            this.label = label;
        }
    }

    /** A round's failure, with the dependency that caused it. */
    static final class RelayFailure extends RuntimeException {
        final Dependency dependency;

        RelayFailure(Dependency dependency, String step, Throwable cause) {
            // toString, not getMessage: a timeout has no message, and "paused: null" tells an operator nothing.
            super(dependency.label + " failed to " + step + ": " + cause, cause);
            this.dependency = dependency;
        }
    }

    private final Pool pool;
    private final EventsConfig config;
    private final Redis redis;
    private final Channels channels;
    private final AtomicReference<Dependency> down = new AtomicReference<>();
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

    /** Relays one batch and answers how many events went out; a failure is a {@link RelayFailure}. */
    public Uni<Integer> relayBatch() {
        return claim().chain(rows -> rows.isEmpty() ? Uni.createFrom().item(0)
                : send(rows).chain(() -> delete(rows)))
                .invoke(this::recovered);
    }

    /** Events written but not yet relayed. */
    public Uni<Long> backlog() {
        return pool.query(BACKLOG).execute().map(rows -> rows.iterator().next().getLong(0));
    }

    private Uni<List<Row>> claim() {
        double leaseSeconds = config.relay().claimLease().toMillis() / 1000.0;
        return pool.preparedQuery(CLAIM).execute(Tuple.of(config.relay().batchSize(), leaseSeconds)).map(rows -> {
            List<Row> claimed = new ArrayList<>(rows.size());
            rows.forEach(claimed::add);
            // RETURNING keeps no order; the stream should keep the outbox's.
            claimed.sort(Comparator.comparingLong(row -> row.getLong("id")));
            return claimed;
        }).onFailure().transform(failure -> new RelayFailure(Dependency.POSTGRES, "claim outbox rows", failure));
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
                .replaceWithVoid()
                .onFailure().call(() -> release(rows))
                .onFailure().transform(failure -> new RelayFailure(Dependency.REDIS, "take the events", failure));
    }

    /** Hands the rows back at once so the next round retries them; if even that fails, the claim expires. */
    private Uni<Void> release(List<Row> rows) {
        return pool.preparedQuery(RELEASE).execute(Tuple.of(ids(rows))).replaceWithVoid()
                .onFailure().invoke(failure -> LOG.debugf("releasing the claim failed, it will expire: %s", failure))
                .onFailure().recoverWithNull();
    }

    private Uni<Integer> delete(List<Row> rows) {
        // Sent but not deleted: the claim expires and the rows go out again, which at-least-once allows.
        return pool.preparedQuery(DELETE).execute(Tuple.of(ids(rows))).replaceWith(rows.size())
                .onFailure().transform(failure -> new RelayFailure(Dependency.POSTGRES, "delete relayed outbox rows",
                        failure));
    }

    private static Long[] ids(List<Row> rows) {
        return rows.stream().map(row -> row.getLong("id")).toArray(Long[]::new);
    }

    private void recovered(int relayed) {
        Dependency wasDown = down.get();
        // A round with nothing to send never reached Redis, so it says nothing about Redis.
        if (wasDown != null && (relayed > 0 || wasDown == Dependency.POSTGRES) && down.compareAndSet(wasDown, null)) {
            LOG.infof("%s is back: the outbox relay resumed", wasDown.label);
        }
    }

    private Void outage(Throwable failure) {
        Dependency dependency = failure instanceof RelayFailure relayFailure ? relayFailure.dependency
                : Dependency.POSTGRES;
        if (down.getAndSet(dependency) != dependency) {
            LOG.warnf("outbox relay paused, events wait in the outbox: %s", failure.getMessage());
        }
        return null;
    }
}
