package dev.flywheel.run.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));

    @RepeatedTest(20)
    void delaysGrowExponentiallyWithAtMostHalfAgainOfJitter() {
        for (int retry = 0; retry < 5; retry++) {
            long base = 100L << retry;
            assertThat(backoff.delay(retry, null).toMillis()).isBetween(base, base + base / 2);
        }
    }

    @Test
    void retryAfterWinsWhenItAsksForLonger() {
        assertThat(backoff.delay(0, Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void noDelayExceedsTheMaximum() {
        assertThat(backoff.delay(30, null)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.delay(0, Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(RetryAfter.parse("3", now)).isEqualTo(Duration.ofSeconds(3));
        assertThat(RetryAfter.parse("Thu, 01 Jan 2026 00:00:07 GMT", now)).isEqualTo(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("Wed, 31 Dec 2025 23:00:00 GMT", now)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", now)).isNull();
        assertThat(RetryAfter.parse(null, now)).isNull();
        assertThat(RetryAfter.parse("-1", now)).isNull();
    }
}
