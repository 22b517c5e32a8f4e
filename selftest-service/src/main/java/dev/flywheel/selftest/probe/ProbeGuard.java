package dev.flywheel.selftest.probe;

import dev.flywheel.selftest.capability.Capability;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** The one place where a probe's exceptions, silence and hangs become failure results. */
public final class ProbeGuard {

    private ProbeGuard() {
    }

    /** Runs the work; a thrown exception, a failed Uni or a null item becomes a failure result. */
    public static Uni<ProbeResult> guard(Capability capability, Supplier<Uni<? extends ProbeResult>> work) {
        return Uni.createFrom().<ProbeResult>deferred(work)
                .onItem().ifNull().failWith(
                        () -> new IllegalStateException(capability.value() + " probe gave no result"))
                .onFailure().recoverWithItem(error -> ProbeResult.crashed(capability, error));
    }

    /** As {@link #guard(Capability, Supplier)}, and a probe still running after the timeout fails too. */
    public static Uni<ProbeResult> guard(Capability capability, Supplier<Uni<? extends ProbeResult>> work,
            Duration timeout) {
        return guard(capability, () -> Uni.createFrom().<ProbeResult>deferred(work)
                .ifNoItem().after(timeout).failWith(() -> new TimeoutException(
                        capability.value() + " probe did not finish within " + timeout.toMillis() + " ms")));
    }
}
