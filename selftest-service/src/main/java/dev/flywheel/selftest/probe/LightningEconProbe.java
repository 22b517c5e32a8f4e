package dev.flywheel.selftest.probe;

import dev.flywheel.selftest.capability.Capability;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** lightning_econ: a placeholder until the economics capability exists; always passes (SPEC §7). */
@ApplicationScoped
public class LightningEconProbe implements CapabilityProbe {

    @Override
    public Capability capability() {
        return Capability.LIGHTNING_ECON;
    }

    @Override
    public Uni<ProbeResult> run() {
        return Uni.createFrom().item(ProbeResult.passed(capability(),
                "Lightning economics self-test is pending v2: placeholder, always passes"));
    }
}
