package dev.flywheel.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateDecisionTest {

    @Test
    void retryAfterRoundsUpToWholeSecondsAndIsNeverZero() {
        assertThat(new RateDecision(false, Duration.ofMillis(1)).retryAfterSeconds()).isEqualTo(1);
        assertThat(new RateDecision(false, Duration.ofMillis(1000)).retryAfterSeconds()).isEqualTo(1);
        assertThat(new RateDecision(false, Duration.ofMillis(1001)).retryAfterSeconds()).isEqualTo(2);
        assertThat(new RateDecision(false, Duration.ZERO).retryAfterSeconds()).isEqualTo(1);
    }
}
