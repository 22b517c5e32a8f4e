package dev.flywheel.selftest.loop;

import dev.flywheel.selftest.probe.CapabilityProbe;
import dev.flywheel.selftest.probe.ProbeGuard;
import dev.flywheel.selftest.probe.ProbeResult;
import dev.flywheel.selftest.probe.TestSequence;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The round-robin self-test loop (SPEC §7). Every decision that replicas must agree on (whose turn, which
 * probe, how much budget is left) is taken in Postgres under the loop's advisory lock, and the probe runs and
 * is recorded in that same transaction, so the cluster runs one probe at a time.
 */
public class LoopOrchestrator {

    private final Pool pool;
    private final LoopStateStore state;
    private final ResultRecorder recorder;
    private final TestSequence sequence;
    private final LoopSettings settings;
    private final ProbeMetrics metrics;
    private final Clock clock;

    public LoopOrchestrator(Pool pool, LoopStateStore state, ResultRecorder recorder, TestSequence sequence,
            LoopSettings settings, ProbeMetrics metrics, Clock clock) {
        this.pool = pool;
        this.state = state;
        this.recorder = recorder;
        this.sequence = sequence;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** {@code run_next_test()}: the next probe now, unless the loop is off or the hour's budget is spent. */
    public Uni<NextTestOutcome> runNextTest() {
        return runNext(Trigger.RUN_NEXT, null);
    }

    /**
     * One scheduled tick. Ticks are numbered by wall-clock interval, so however the replicas' schedulers are
     * aligned, each interval runs at most one probe for the whole cluster.
     */
    public Uni<NextTestOutcome> runScheduledTick() {
        return runNext(Trigger.SCHEDULED, clock.millis() / settings.interval().toMillis());
    }

    /** All six probes now, in sequence order, outside the hourly budget and the enabled flag. */
    public Uni<List<RecordedResult>> runAll() {
        return Multi.createFrom().iterable(sequence.probes())
                .onItem().transformToUniAndConcatenate(probe -> pool.withTransaction(
                        connection -> runAndRecord(connection, probe, Trigger.RUN_ALL)).invoke(metrics::count))
                .collect().asList();
    }

    private Uni<NextTestOutcome> runNext(Trigger trigger, Long tickSlot) {
        if (!settings.enabled()) {
            return Uni.createFrom().item(NextTestOutcome.skipped(SkipReason.DISABLED));
        }
        return state.underLoopLock(connection -> claim(connection, tickSlot).chain(claimed -> {
            if (!claimed) {
                return Uni.createFrom().item(NextTestOutcome.skipped(SkipReason.TICK_ALREADY_RUN));
            }
            Instant hour = clock.instant().truncatedTo(ChronoUnit.HOURS);
            return state.runsInHour(connection, hour).chain(runs -> runs >= settings.maxPerHour()
                    ? Uni.createFrom().item(NextTestOutcome.skipped(SkipReason.HOURLY_BUDGET_SPENT))
                    : state.countRun(connection, hour)
                            .chain(() -> state.advanceCursor(connection))
                            .chain(position -> runAndRecord(connection, sequence.at(position), trigger))
                            .map(NextTestOutcome::ran));
        }), () -> NextTestOutcome.skipped(SkipReason.ALREADY_RUNNING))
                .invoke(outcome -> {
                    if (outcome.ran()) {
                        metrics.count(outcome.result());
                    }
                });
    }

    private Uni<Boolean> claim(SqlConnection connection, Long tickSlot) {
        return tickSlot == null ? Uni.createFrom().item(true) : state.claimTick(connection, tickSlot);
    }

    private Uni<RecordedResult> runAndRecord(SqlConnection connection, CapabilityProbe probe, Trigger trigger) {
        long started = System.nanoTime();
        // Guarded again here: a replaced probe may break its promise never to fail, and must not break the loop.
        return ProbeGuard.guard(probe.capability(), probe::run, settings.probeTimeout())
                .map(result -> result.capability() == probe.capability() ? result
                        : new ProbeResult(result.success(), probe.capability(), result.details(), result.errorType()))
                .chain(result -> recorder.record(connection, result,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), trigger, clock.instant(),
                        settings.upgradeThreshold()));
    }
}
