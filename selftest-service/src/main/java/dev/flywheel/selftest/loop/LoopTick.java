package dev.flywheel.selftest.loop;

import dev.flywheel.common.context.SafeContext;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** Drives the loop every {@code loop-qa.interval}; the first tick comes one interval after start. */
@Singleton
public class LoopTick {

    private static final Logger LOG = Logger.getLogger(LoopTick.class);

    private final LoopOrchestrator orchestrator;
    private final Vertx vertx;

    public LoopTick(LoopOrchestrator orchestrator, Vertx vertx) {
        this.orchestrator = orchestrator;
        this.vertx = vertx;
    }

    @Scheduled(identity = "loop-qa", every = "${loop-qa.interval:5m}", delayed = "${loop-qa.interval:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return SafeContext.run(vertx, orchestrator::runScheduledTick)
                .invoke(outcome -> LOG.debugf("loop-qa tick: %s", outcome))
                // A tick that could not reach Postgres is simply missed; the next one tries again.
                .onFailure().invoke(error -> LOG.warnf("loop-qa tick failed: %s", error.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
