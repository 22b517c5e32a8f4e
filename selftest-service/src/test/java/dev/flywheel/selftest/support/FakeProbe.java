package dev.flywheel.selftest.support;

import dev.flywheel.selftest.capability.Capability;
import dev.flywheel.selftest.probe.CapabilityProbe;
import dev.flywheel.selftest.probe.ProbeResult;
import dev.flywheel.selftest.probe.TestSequence;
import io.smallrye.mutiny.Uni;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** A probe whose answer the test decides, counting its runs: the Java form of the seed's patched probes. */
public final class FakeProbe implements CapabilityProbe {

    private final Capability capability;
    private volatile Supplier<Uni<ProbeResult>> behaviour;
    private final AtomicInteger runs = new AtomicInteger();

    private FakeProbe(Capability capability) {
        this.capability = capability;
        this.behaviour = () -> Uni.createFrom().item(ProbeResult.passed(capability, "ok"));
    }

    public static FakeProbe passing(Capability capability) {
        return new FakeProbe(capability);
    }

    /** One passing fake per capability, in enum order. */
    public static List<FakeProbe> allPassing() {
        return Arrays.stream(Capability.values()).map(FakeProbe::passing).toList();
    }

    public static TestSequence sequenceOf(List<FakeProbe> probes) {
        return new TestSequence(List.copyOf(probes));
    }

    public static FakeProbe find(List<FakeProbe> probes, Capability capability) {
        return probes.stream().filter(p -> p.capability == capability).findFirst().orElseThrow();
    }

    public FakeProbe answering(ProbeResult result) {
        this.behaviour = () -> Uni.createFrom().item(result);
        return this;
    }

    public FakeProbe failingWith(String details, String errorType) {
        return answering(ProbeResult.failed(capability, details, errorType));
    }

    /** Breaks the probe contract on purpose: throws instead of answering. */
    public FakeProbe throwing(RuntimeException error) {
        this.behaviour = () -> {
            throw error;
        };
        return this;
    }

    public FakeProbe behaving(Supplier<Uni<ProbeResult>> behaviour) {
        this.behaviour = behaviour;
        return this;
    }

    public int runs() {
        return runs.get();
    }

    @Override
    public Capability capability() {
        return capability;
    }

    @Override
    public Uni<ProbeResult> run() {
        runs.incrementAndGet();
        return behaviour.get();
    }
}
