package dev.flywheel.selftest.probe;

import dev.flywheel.selftest.capability.Capability;
import dev.flywheel.selftest.memory.Fact;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** memory_read: {@code self_test_marker} facts can be read back; none at all is a failure (SPEC §7). */
@ApplicationScoped
public class MemoryReadProbe implements CapabilityProbe {

    private static final int READ_AT_MOST = 10;

    @Override
    public Capability capability() {
        return Capability.MEMORY_READ;
    }

    @Override
    public Uni<ProbeResult> run() {
        return ProbeGuard.guard(capability(), () -> Panache
                .withSession(() -> Fact.latest(Fact.SELF_TEST_MARKER, READ_AT_MOST))
                .map(facts -> facts.isEmpty()
                        ? ProbeResult.failed(capability(), "no " + Fact.SELF_TEST_MARKER + " facts found", "NoFacts")
                        : ProbeResult.passed(capability(), "read " + facts.size() + " " + Fact.SELF_TEST_MARKER
                                + " fact(s), latest " + facts.get(0).content)));
    }
}
