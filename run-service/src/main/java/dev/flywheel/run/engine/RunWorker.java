package dev.flywheel.run.engine;

import dev.flywheel.common.context.SafeContext;
import dev.flywheel.run.RunServiceConfig;
import dev.flywheel.run.events.RunEvent;
import dev.flywheel.run.events.RunEventBus;
import dev.flywheel.run.run.RunsQueued;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * This replica's worker (SPEC §5): every poll it claims as many runs as it has free slots
 * ({@code run.worker.concurrency}), executes them, renews their leases while they run, and stops one
 * at once when it is cancelled here or found to be no longer its own (cancelled on another replica,
 * or re-claimed after a lease expired). A run that ends hands its slot on: its outcome's transaction claims the
 * next pending run (its successor), so a busy worker commits once per run rather than once more for each claim.
 */
@ApplicationScoped
public class RunWorker {

    private static final Logger LOG = Logger.getLogger(RunWorker.class);

    private final RunClaimer claimer;
    private final RunExecutor executor;
    private final ExecutionStore store;
    private final RunEventBus bus;
    private final Vertx vertx;
    private final RunServiceConfig.Worker config;
    private final String owner = System.getenv().getOrDefault("HOSTNAME", "local") + "/" + UUID.randomUUID();
    private final Map<UUID, Execution> active = new ConcurrentHashMap<>();
    private final AtomicBoolean claiming = new AtomicBoolean();
    private final AtomicBoolean claimAgain = new AtomicBoolean();
    private volatile boolean stopping;

    public RunWorker(RunClaimer claimer, RunExecutor executor, ExecutionStore store, RunEventBus bus, Vertx vertx,
            RunServiceConfig config) {
        this.claimer = claimer;
        this.executor = executor;
        this.store = store;
        this.bus = bus;
        this.vertx = vertx;
        this.config = config.worker();
    }

    // Every replica hears every cancel (RunEventFeed); only the one executing the run has something to stop. One
    // that missed the message finds the cancel at its next lease renewal.
    void listenForCancellations(@Observes StartupEvent event) {
        bus.listen(runEvent -> {
            if (RunEvent.CANCELLED.equals(runEvent.type()) && active.containsKey(runEvent.runId())) {
                LOG.infof("run %s was cancelled: stopping it", runEvent.runId());
                stop(runEvent.runId());
            }
        });
    }

    void shutdown(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @Scheduled(every = "${run.worker.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        return claimRuns(true);
    }

    // Runs were just submitted to this replica: other replicas still find them at their next poll.
    void queued(@Observes RunsQueued queued) {
        wake();
    }

    /** Claims now rather than at the next poll: a slot just freed up, or runs were just queued. */
    private void wake() {
        if (config.enabled() && !stopping) {
            SafeContext.run(vertx, () -> claimRuns(false)).subscribe().with(ignored -> {
            });
        }
    }

    // Exhausted runs are only looked for at the poll: their leases expire on the scale of the lease, and a
    // wake-up comes with every finished run, where the extra transaction would cost more than the claim.
    private Uni<Void> claimRuns(boolean abandonExhausted) {
        if (!config.enabled() || stopping) {
            return Uni.createFrom().voidItem();
        }
        // One claim at a time, so two wake-ups never claim the same free slots twice; a wake-up that arrives
        // meanwhile is remembered and served right after.
        if (!claiming.compareAndSet(false, true)) {
            claimAgain.set(true);
            return Uni.createFrom().voidItem();
        }
        int free = config.concurrency() - active.size();
        Uni<?> abandon = abandonExhausted ? claimer.abandonExhausted() : Uni.createFrom().voidItem();
        return abandon
                .chain(() -> free > 0 ? claimer.claim(owner, free) : Uni.createFrom().item(List.<ClaimedRun>of()))
                .invoke(claimed -> claimed.forEach(this::start))
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("claiming runs failed, trying again next poll: %s", failure.getMessage());
                    return null;
                })
                .onTermination().invoke(() -> {
                    claiming.set(false);
                    if (claimAgain.getAndSet(false)) {
                        wake();
                    }
                });
    }

    private void start(ClaimedRun run) {
        long every = Math.max(100, config.lease().toMillis() / 3);
        long timer = vertx.setPeriodic(every, id -> renew(run));
        Execution execution = new Execution(timer);
        active.put(run.id(), execution);
        execution.subscription = executor.execute(run, this::accepting)
                .onTermination().invoke((successor, failure, cancelled) -> finished(run.id(),
                        successor == null ? null : successor.orElse(null)))
                .subscribe().with(ignored -> {
                }, failure -> {
                    if (!(failure instanceof LeaseLost)) {
                        LOG.errorf(failure, "run %s ended with an unexpected failure", run.id());
                    }
                });
    }

    private void renew(ClaimedRun run) {
        store.renew(run).subscribe().with(held -> {
            if (!held) {
                LOG.infof("run %s is no longer ours (cancelled or re-claimed): stopping it", run.id());
                stop(run.id());
            }
        }, failure -> LOG.warnf("renewing the lease of run %s failed: %s", run.id(), failure.getMessage()));
    }

    /** Whether a finishing run should bring its successor (claimed with its outcome) rather than free its slot. */
    private boolean accepting() {
        return config.enabled() && !stopping;
    }

    private void stop(UUID runId) {
        Execution execution = active.get(runId);
        if (execution != null && execution.subscription != null) {
            execution.subscription.cancel();
        }
        finished(runId, null);
    }

    /**
     * The run left its slot: to its successor when one was claimed with its outcome (started before the run is removed,
     * so that a claim counting free slots meanwhile never sees one too many), else to whatever a claim finds now. A
     * successor claimed after all though the worker stopped accepting runs meanwhile (asked before the outcome was
     * stored, which takes a while) is handed back at once, so another replica's claim need not wait for its lease.
     */
    private void finished(UUID runId, ClaimedRun successor) {
        boolean starting = successor != null && accepting();
        if (starting) {
            start(successor);
        } else if (successor != null) {
            handBack(successor);
        }
        Execution execution = active.remove(runId);
        if (execution != null) {
            vertx.cancelTimer(execution.timer);
            if (!starting) {
                wake();
            }
        }
    }

    private void handBack(ClaimedRun run) {
        claimer.release(run).subscribe().with(
                released -> LOG.infof(released ? "run %s was claimed as the worker stopped: handed back unstarted"
                        : "run %s was claimed as the worker stopped and is no longer its own (cancelled?)", run.id()),
                failure -> LOG.warnf("handing back run %s failed, it is claimed again when its lease expires: %s", run.id(),
                        failure.getMessage()));
    }

    private static final class Execution {
        private final long timer;
        private volatile Cancellable subscription;

        private Execution(long timer) {
            this.timer = timer;
        }
    }
}
