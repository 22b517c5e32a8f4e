package dev.flywheel.selftest.probe;

import dev.flywheel.selftest.capability.Capability;
import io.smallrye.mutiny.Uni;

/** One capability's self-test; each is a CDI bean so tests can replace it. */
public interface CapabilityProbe {

    Capability capability();

    /** Runs the test once; never fails: any problem is a result with {@code success == false}. */
    Uni<ProbeResult> run();
}
