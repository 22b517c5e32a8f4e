package dev.flywheel.selftest.probe;

import dev.flywheel.selftest.LoopQaConfig;
import dev.flywheel.selftest.capability.Capability;
import dev.flywheel.selftest.memory.Fact;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** memory_write: a {@code self_test_marker} fact with a fresh marker is stored (SPEC §7). */
@ApplicationScoped
public class MemoryWriteProbe implements CapabilityProbe {

    private final int keepLatest;

    public MemoryWriteProbe(LoopQaConfig config) {
        this.keepLatest = config.stores().keepLatest();
    }

    @Override
    public Capability capability() {
        return Capability.MEMORY_WRITE;
    }

    @Override
    public Uni<ProbeResult> run() {
        return ProbeGuard.guard(capability(), () -> {
            String marker = "self_test_marker_" + UUID.randomUUID();
            return Panache.withTransaction(() -> Fact.store(Fact.SELF_TEST_MARKER, marker)
                            .call(() -> Fact.pruneKeepingLatest(Fact.SELF_TEST_MARKER, keepLatest)))
                    .map(fact -> ProbeResult.passed(capability(),
                            "stored " + Fact.SELF_TEST_MARKER + " fact " + fact.id + ": " + marker));
        });
    }
}
