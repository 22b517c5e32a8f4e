package dev.flywheel.selftest.loop;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The loop's shared position: round-robin cursor, last scheduled tick, hourly budget and the probe lease. They
 * are decided under one Postgres advisory lock held only by a short transaction; the lease, not the lock, keeps
 * the cluster to one probe at a time while a probe runs outside any transaction (SPEC §10 "Short transactions").
 */
@Singleton
public class LoopStateStore {

    /** Arbitrary but fixed: the advisory lock key of the selftest loop ("loopqa" in ASCII). */
    static final long LOOP_LOCK_KEY = 0x6c6f6f707161L;

    static final String TRY_LOCK = "select pg_try_advisory_xact_lock($1)";
    static final String ENSURE_CURSOR = "insert into loop_cursor (id) values (1) on conflict (id) do nothing";
    static final String CLAIM_TICK = "update loop_cursor set last_tick_slot = $1 where id = 1 and last_tick_slot < $1";
    static final String ADVANCE_CURSOR = "update loop_cursor set next_index = next_index + 1 where id = 1"
            + " returning next_index - 1";
    /** The lease is compared with the database's clock, the one clock every replica shares. */
    static final String LEASE_HELD = "select probe_lease_until is not null and probe_lease_until > now()"
            + " from loop_cursor where id = 1";
    static final String TAKE_LEASE = "update loop_cursor set probe_lease_token = $1,"
            + " probe_lease_until = now() + make_interval(secs => $2) where id = 1";
    static final String RELEASE_LEASE = "update loop_cursor set probe_lease_token = null, probe_lease_until = null"
            + " where id = 1 and probe_lease_token = $1";
    static final String RUNS_IN_HOUR = "select runs from hourly_budget where hour_start = $1";
    static final String COUNT_RUN = "insert into hourly_budget (hour_start, runs) values ($1, 1)"
            + " on conflict (hour_start) do update set runs = hourly_budget.runs + 1";
    /** Only the current hour's row matters; a day of history is kept for people reading the table. */
    static final String FORGET_OLD_HOURS = "delete from hourly_budget where hour_start < $1";
    static final Duration BUDGET_HISTORY = Duration.ofDays(1);

    private final Pool pool;

    public LoopStateStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Runs the work in one transaction holding the loop lock; when another holder has it, answers the
     * fallback at once instead of waiting. The lock goes with the transaction, so a crashed replica never
     * keeps it; the work must therefore be a few statements, never a probe.
     */
    public <T> Uni<T> underLoopLock(Function<SqlConnection, Uni<T>> work, Supplier<T> whenBusy) {
        return pool.withTransaction(connection -> connection.preparedQuery(TRY_LOCK).execute(Tuple.of(LOOP_LOCK_KEY))
                .chain(rows -> rows.iterator().next().getBoolean(0)
                        ? connection.query(ENSURE_CURSOR).execute().chain(() -> work.apply(connection))
                        : Uni.createFrom().item(whenBusy)));
    }

    /** Claims a scheduled tick for this replica; false when another replica already ran it. */
    public Uni<Boolean> claimTick(SqlConnection connection, long slot) {
        return connection.preparedQuery(CLAIM_TICK).execute(Tuple.of(slot)).map(rows -> rows.rowCount() == 1);
    }

    /** Whether a probe started by any replica is still running (its lease has not expired nor been released). */
    public Uni<Boolean> leaseHeld(SqlConnection connection) {
        return connection.query(LEASE_HELD).execute().map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** Takes the probe lease for at most {@code length}; only the holder of {@code token} releases it early. */
    public Uni<Void> takeLease(SqlConnection connection, UUID token, Duration length) {
        return connection.preparedQuery(TAKE_LEASE).execute(Tuple.of(token, length.toMillis() / 1000.0))
                .replaceWithVoid();
    }

    public Uni<Void> releaseLease(SqlConnection connection, UUID token) {
        return connection.preparedQuery(RELEASE_LEASE).execute(Tuple.of(token)).replaceWithVoid();
    }

    /** The round-robin position to run now; the next call answers the one after it. */
    public Uni<Long> advanceCursor(SqlConnection connection) {
        return connection.query(ADVANCE_CURSOR).execute().map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<Integer> runsInHour(SqlConnection connection, Instant hourStart) {
        return connection.preparedQuery(RUNS_IN_HOUR).execute(Tuple.of(utc(hourStart)))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getInteger(0) : 0);
    }

    public Uni<Void> countRun(SqlConnection connection, Instant hourStart) {
        return connection.preparedQuery(COUNT_RUN).execute(Tuple.of(utc(hourStart)))
                .chain(() -> connection.preparedQuery(FORGET_OLD_HOURS)
                        .execute(Tuple.of(utc(hourStart.minus(BUDGET_HISTORY)))))
                .replaceWithVoid();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
