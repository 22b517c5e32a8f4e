package dev.flywheel.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HeldTokensTest {

    @Test
    void nothingHeldMeansRedisMustBeAsked() {
        assertThat(new HeldTokens().decide(0)).isEmpty();
    }

    @Test
    void aGrantedBatchIsSpentLocallyOneRequestAtATimeThenRedisIsAskedAgain() {
        HeldTokens held = new HeldTokens();
        assertThat(held.answer(3, Duration.ZERO, 0).allowed()).as("the asking request spends one of the three").isTrue();
        assertThat(held.decide(1)).contains(RateDecision.ALLOW);
        assertThat(held.decide(2)).contains(RateDecision.ALLOW);
        assertThat(held.decide(3)).isEmpty();
    }

    @Test
    void aRefusalIsRepeatedLocallyUntilItsRetryAfterHasPassed() {
        HeldTokens held = new HeldTokens();
        RateDecision refused = held.answer(0, Duration.ofMillis(400), 1_000_000);
        assertThat(refused.allowed()).isFalse();

        RateDecision repeated = held.decide(1_000_000 + Duration.ofMillis(100).toNanos()).orElseThrow();
        assertThat(repeated.allowed()).isFalse();
        assertThat(repeated.retryAfter()).isEqualTo(Duration.ofMillis(300));

        assertThat(held.decide(1_000_000 + Duration.ofMillis(400).toNanos())).as("then Redis decides again").isEmpty();
    }

    @Test
    void aGrantAfterARefusalLiftsIt() {
        HeldTokens held = new HeldTokens();
        held.answer(0, Duration.ofSeconds(10), 0);
        held.answer(2, Duration.ZERO, 0);
        assertThat(held.decide(1)).contains(RateDecision.ALLOW);
    }

    @Test
    void theBatchIsTheRateOverTheWindowAtLeastOneAndNeverMoreThanTheBucket() {
        Duration window = Duration.ofMillis(100);
        assertThat(TokenBucket.batchSize(50, 100, window)).isEqualTo(5);
        assertThat(TokenBucket.batchSize(0.2, 3, window)).isEqualTo(1);
        assertThat(TokenBucket.batchSize(1_000_000, 1_000, window)).isEqualTo(1_000);
    }
}
