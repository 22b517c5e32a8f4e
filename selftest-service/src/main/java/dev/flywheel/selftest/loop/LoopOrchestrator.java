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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The round-robin self-test loop (SPEC §7). Every decision that replicas must agree on (whose turn, which
 * probe, how much budget is left) is taken in one short Postgres transaction under the loop's advisory lock,
 * which also takes the probe lease; the probe then runs outside any transaction (it calls other services for
 * up to a minute), and its result is recorded, and the lease released, in a second short transaction
 * (SPEC §10 "Short transactions"). The lease keeps the cluster to one probe at a time.
 */
public class LoopOrchestrator {

    /**
     * How long a lease outlives the probe timeout: time to record the result. A replica that dies mid-probe
     * holds the loop up for no longer than the probe timeout plus this.
     */
    static final Duration LEASE_GRACE = Duration.ofSeconds(30);

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

    /**
     * All six probes now, in sequence order, outside the hourly budget and the enabled flag. Each result is
     * recorded in its own short transaction as soon as its probe ends; none is held across the probes.
     */
    public Uni<List<RecordedResult>> runAll() {
        return Multi.createFrom().iterable(sequence.probes())
                .onItem().transformToUniAndConcatenate(probe -> probe(probe)
                        .chain(run -> pool.withTransaction(connection -> record(connection, run, Trigger.RUN_ALL)))
                        .invoke(metrics::count))
                .collect().asList();
    }

    private Uni<NextTestOutcome> runNext(Trigger trigger, Long tickSlot) {
        if (!settings.enabled()) {
            return Uni.createFrom().item(NextTestOutcome.skipped(SkipReason.DISABLED));
        }
        return decide(tickSlot).chain(decision -> decision.skipped() != null
                ? Uni.createFrom().item(NextTestOutcome.skipped(decision.skipped()))
                : probe(decision.probe())
                        .chain(run -> pool.withTransaction(connection -> record(connection, run, trigger)
                                .call(() -> state.releaseLease(connection, decision.lease()))))
                        .invoke(metrics::count)
                        .map(NextTestOutcome::ran));
    }

    /** The short deciding transaction: whose turn, which probe, and the lease for it. */
    private Uni<Decision> decide(Long tickSlot) {
        return state.underLoopLock(connection -> state.leaseHeld(connection).chain(held -> {
            if (held) {
                return Uni.createFrom().item(Decision.skip(SkipReason.ALREADY_RUNNING));
            }
            return claim(connection, tickSlot).chain(claimed -> {
                if (!claimed) {
                    return Uni.createFrom().item(Decision.skip(SkipReason.TICK_ALREADY_RUN));
                }
                Instant hour = clock.instant().truncatedTo(ChronoUnit.HOURS);
                UUID lease = UUID.randomUUID();
                return state.runsInHour(connection, hour).chain(runs -> runs >= settings.maxPerHour()
                        ? Uni.createFrom().item(Decision.skip(SkipReason.HOURLY_BUDGET_SPENT))
                        : state.countRun(connection, hour)
                                .chain(() -> state.takeLease(connection, lease,
                                        settings.probeTimeout().plus(LEASE_GRACE)))
                                .chain(() -> state.advanceCursor(connection))
                                .map(position -> Decision.run(sequence.at(position), lease)));
            });
        }), () -> Decision.skip(SkipReason.ALREADY_RUNNING));
    }

    private Uni<Boolean> claim(SqlConnection connection, Long tickSlot) {
        return tickSlot == null ? Uni.createFrom().item(true) : state.claimTick(connection, tickSlot);
    }

    /** Runs a probe with no connection in hand: it may take up to the probe timeout. */
    private Uni<ProbeRun> probe(CapabilityProbe probe) {
        long started = System.nanoTime();
        // Guarded again here: a replaced probe may break its promise never to fail, and must not break the loop.
        return ProbeGuard.guard(probe.capability(), probe::run, settings.probeTimeout())
                .map(result -> result.capability() == probe.capability() ? result
                        : new ProbeResult(result.success(), probe.capability(), result.details(), result.errorType()))
                .map(result -> new ProbeRun(result, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
    }

    private Uni<RecordedResult> record(SqlConnection connection, ProbeRun run, Trigger trigger) {
        return recorder.record(connection, run.result(), run.durationMs(), trigger, clock.instant(),
                settings.upgradeThreshold());
    }

    private record ProbeRun(ProbeResult result, long durationMs) {
    }

    /** Either a reason to run nothing, or the probe to run under the lease just taken. */
    private record Decision(SkipReason skipped, CapabilityProbe probe, UUID lease) {
        static Decision skip(SkipReason reason) {
            return new Decision(reason, null, null);
        }

        static Decision run(CapabilityProbe probe, UUID lease) {
            return new Decision(null, probe, lease);
        }
    }
}
