package dev.flywheel.selftest.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.selftest.capability.Capability;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProbeGuardTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void anExceptionThrownByTheProbeIsAFailureNamedAfterItsClass() {
        ProbeResult result = ProbeGuard.guard(Capability.TOOL_USE, () -> {
            throw new IllegalStateException("shell unavailable");
        }).await().atMost(WAIT);

        assertThat(result).isEqualTo(
                ProbeResult.failed(Capability.TOOL_USE, "shell unavailable", "IllegalStateException"));
    }

    @Test
    void aFailedUniIsAFailureNamedAfterItsException() {
        ProbeResult result = ProbeGuard.guard(Capability.MEMORY_READ,
                () -> Uni.createFrom().failure(new ArithmeticException())).await().atMost(WAIT);

        assertThat(result.success()).isFalse();
        assertThat(result.errorType()).isEqualTo("ArithmeticException");
        assertThat(result.details()).isEqualTo("ArithmeticException");
    }

    @Test
    void aProbeThatAnswersNothingFails() {
        ProbeResult result = ProbeGuard.guard(Capability.SELF_CODING, () -> Uni.createFrom().nullItem())
                .await().atMost(WAIT);

        assertThat(result.success()).isFalse();
        assertThat(result.errorType()).isEqualTo("IllegalStateException");
    }

    @Test
    void aProbeStillRunningAfterTheTimeoutFails() {
        ProbeResult result = ProbeGuard.guard(Capability.MULTISTEP_PLANNING,
                () -> Uni.createFrom().nothing(), Duration.ofMillis(100)).await().atMost(WAIT);

        assertThat(result.success()).isFalse();
        assertThat(result.errorType()).isEqualTo("TimeoutException");
        assertThat(result.details()).contains("multistep_planning");
    }

    @Test
    void aPassingResultGoesThroughUntouched() {
        ProbeResult passed = ProbeResult.passed(Capability.LIGHTNING_ECON, "ok");

        assertThat(ProbeGuard.guard(Capability.LIGHTNING_ECON, () -> Uni.createFrom().item(passed), WAIT)
                .await().atMost(WAIT)).isEqualTo(passed);
    }
}
