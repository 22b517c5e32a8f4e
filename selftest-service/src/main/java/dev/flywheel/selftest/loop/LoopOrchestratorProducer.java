package dev.flywheel.selftest.loop;

import dev.flywheel.selftest.LoopQaConfig;
import dev.flywheel.selftest.probe.TestSequence;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The service's one orchestrator, built from config; tests build others with their own settings and probes. */
public class LoopOrchestratorProducer {

    @Produces
    @Singleton
    LoopOrchestrator orchestrator(Pool pool, LoopStateStore state, ResultRecorder recorder, TestSequence sequence,
            ProbeMetrics metrics, LoopQaConfig config) {
        return new LoopOrchestrator(pool, state, recorder, sequence, LoopSettings.from(config), metrics,
                Clock.systemUTC());
    }
}
