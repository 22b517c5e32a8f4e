package dev.flywheel.selftest.support;

import dev.flywheel.selftest.loop.LoopOrchestrator;
import dev.flywheel.selftest.loop.LoopSettings;
import dev.flywheel.selftest.loop.LoopStateStore;
import dev.flywheel.selftest.loop.ProbeMetrics;
import dev.flywheel.selftest.loop.ResultRecorder;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * What every orchestrator test starts from: the real Postgres state, emptied, and orchestrators (one per replica)
 * built over fake probes with a clock that stands still.
 */
@ApplicationScoped
public class LoopFixture {

    private final Pool pool;
    private final LoopStateStore state;
    private final ResultRecorder recorder;
    private final ProbeMetrics metrics;
    private final TestDatabase database;

    public LoopFixture(Pool pool, LoopStateStore state, ResultRecorder recorder, ProbeMetrics metrics,
            TestDatabase database) {
        this.pool = pool;
        this.state = state;
        this.recorder = recorder;
        this.metrics = metrics;
        this.database = database;
    }

    /** Forgets what earlier tests left behind and answers six passing fake probes, one per capability. */
    public List<FakeProbe> freshLoop() {
        database.reset();
        return FakeProbe.allPassing();
    }

    /** One replica's orchestrator over these probes, its clock standing at {@code now}. */
    public LoopOrchestrator replica(List<FakeProbe> probes, LoopSettings settings, Instant now) {
        return new LoopOrchestrator(pool, state, recorder, FakeProbe.sequenceOf(probes), settings, metrics,
                Clock.fixed(now, ZoneOffset.UTC));
    }

    /** The start of the current tick slot, so that "a little later" stays in the same slot. */
    public static Instant slotStart(Duration interval) {
        return Instant.ofEpochMilli((Instant.now().toEpochMilli() / interval.toMillis()) * interval.toMillis());
    }
}
