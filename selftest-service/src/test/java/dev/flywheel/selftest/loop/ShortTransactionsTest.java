package dev.flywheel.selftest.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flywheel.selftest.capability.Capability;
import dev.flywheel.selftest.probe.ProbeResult;
import dev.flywheel.selftest.support.FakeProbe;
import dev.flywheel.selftest.support.LoopFixture;
import dev.flywheel.selftest.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC §10 "Short transactions": no transaction is open while a probe runs, yet the cluster still runs one probe
 * at a time. The slow probe takes {@code -Dselftest.slow-probe-seconds} (default 5; the figure is 60).
 */
@QuarkusTest
class ShortTransactionsTest {

    private static final Duration SLOW = Duration.ofSeconds(Long.getLong("selftest.slow-probe-seconds", 5));
    private static final Duration WAIT = SLOW.multipliedBy(3).plusSeconds(30);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration INTERVAL = Duration.ofMinutes(5);
    private static final Instant TICK = LoopFixture.slotStart(INTERVAL);
    /** The oldest session of this database left idle inside an open transaction, in seconds. */
    private static final String OLDEST_IDLE_IN_TRANSACTION = "select coalesce(max(extract(epoch from"
            + " clock_timestamp() - state_change)), 0)::float8 from pg_stat_activity"
            + " where datname = current_database() and state like 'idle in transaction%'";

    @Inject
    Pool pool;
    @Inject
    LoopFixture loop;
    @Inject
    TestDatabase database;

    private List<FakeProbe> probes;

    @BeforeEach
    void freshLoop() {
        probes = loop.freshLoop();
    }

    @Test
    void runAllWithASlowProbeLeavesNoSessionIdleInTransaction() {
        slow(Capability.MULTISTEP_PLANNING);

        CompletableFuture<List<RecordedResult>> runAll = replica(TICK).runAll().subscribeAsCompletionStage();
        double oldest = watchIdleInTransactionUntil(runAll);

        List<RecordedResult> results = runAll.join();
        assertThat(results).hasSize(6).allMatch(RecordedResult::success);
        assertThat(results).filteredOn(r -> r.capability() == Capability.MULTISTEP_PLANNING).singleElement()
                .satisfies(r -> assertThat(r.durationMs()).isGreaterThanOrEqualTo(SLOW.toMillis()));
        assertThat(oldest).as("oldest idle-in-transaction session during run-all, seconds").isLessThan(1.0);
    }

    @Test
    void aSlowScheduledProbeHoldsNoTransactionAndStillKeepsOtherReplicasOut() {
        probes.forEach(probe -> slow(probe.capability()));
        CompletableFuture<NextTestOutcome> running = replica(TICK.plusSeconds(1)).runScheduledTick()
                .subscribeAsCompletionStage();
        awaitLease();

        // The lease, not an open transaction, keeps a replica ticking in the next interval out.
        NextTestOutcome meanwhile = replica(TICK.plus(INTERVAL).plusSeconds(1)).runScheduledTick().await().atMost(WAIT);
        NextTestOutcome byHand = replica(TICK.plusSeconds(2)).runNextTest().await().atMost(WAIT);
        double oldest = watchIdleInTransactionUntil(running);

        assertThat(running.join().ran()).isTrue();
        assertThat(meanwhile.skippedBecause()).isEqualTo(SkipReason.ALREADY_RUNNING);
        assertThat(byHand.skippedBecause()).isEqualTo(SkipReason.ALREADY_RUNNING);
        assertThat(oldest).as("oldest idle-in-transaction session during the tick, seconds").isLessThan(1.0);
        assertThat(probes.stream().mapToInt(FakeProbe::runs).sum()).isEqualTo(1);
        // Recording released the lease: the next interval runs at once.
        assertThat(replica(TICK.plus(INTERVAL).plusSeconds(2)).runScheduledTick().await().atMost(WAIT).ran()).isTrue();
    }

    @Test
    void aLeaseLeftByAReplicaThatDiedMidProbeExpires() {
        database.run("insert into loop_cursor (id, probe_lease_token, probe_lease_until)"
                + " values (1, gen_random_uuid(), now() + interval '1 hour')");
        assertThat(replica(TICK.plusSeconds(1)).runScheduledTick().await().atMost(WAIT).skippedBecause())
                .isEqualTo(SkipReason.ALREADY_RUNNING);

        database.run("update loop_cursor set probe_lease_until = now() - interval '1 second'");
        NextTestOutcome after = replica(TICK.plusSeconds(2)).runScheduledTick().await().atMost(WAIT);

        assertThat(after.ran()).isTrue();
        assertThat(database.count("select count(*) from loop_cursor where probe_lease_token is null")).isEqualTo(1);
    }

    @Test
    void theLeaseLastsTheProbeTimeoutPlusTimeToRecord() {
        slow(Capability.values()[0]);
        CompletableFuture<NextTestOutcome> running = replica(TICK).runNextTest().subscribeAsCompletionStage();
        awaitLease();

        double seconds = pool.query("select extract(epoch from probe_lease_until - now())::float8 from loop_cursor")
                .execute().await().atMost(WAIT).iterator().next().getDouble(0);
        running.join();

        assertThat(seconds).isBetween(PROBE_TIMEOUT.plus(LoopOrchestrator.LEASE_GRACE).toSeconds() - 5.0,
                (double) PROBE_TIMEOUT.plus(LoopOrchestrator.LEASE_GRACE).toSeconds());
    }

    private void slow(Capability capability) {
        FakeProbe probe = FakeProbe.find(probes, capability);
        probe.behaving(() -> Uni.createFrom().item(ProbeResult.passed(capability, "slow but fine"))
                .onItem().delayIt().by(SLOW));
    }

    private void awaitLease() {
        await().atMost(WAIT).until(() -> database.count(
                "select count(*) from loop_cursor where probe_lease_token is not null") == 1);
    }

    /** Samples pg_stat_activity every 100 ms until the work ends; answers the oldest idle-in-transaction age. */
    private double watchIdleInTransactionUntil(CompletableFuture<?> work) {
        AtomicReference<Double> oldest = new AtomicReference<>(0.0);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!work.isDone() && System.nanoTime() < deadline) {
            double now = pool.query(OLDEST_IDLE_IN_TRANSACTION).execute().await().atMost(WAIT).iterator().next()
                    .getDouble(0);
            oldest.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return oldest.get();
    }

    private LoopOrchestrator replica(Instant now) {
        return loop.replica(probes, new LoopSettings(true, INTERVAL, 100, 3, PROBE_TIMEOUT), now);
    }
}
