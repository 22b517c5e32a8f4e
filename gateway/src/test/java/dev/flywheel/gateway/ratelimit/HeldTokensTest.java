package dev.flywheel.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class HeldTokensTest {

    @Test
    void nothingHeldMeansRedisMustBeAsked() {
        assertThat(new HeldTokens().decide(0)).isEmpty();
    }

    @Test
    void aGrantedBatchIsSpentLocallyOneRequestAtATimeThenRedisIsAskedAgain() {
        HeldTokens held = new HeldTokens();
        held.refill(3, Duration.ZERO, 0);
        assertThat(held.decide(1)).contains(RateDecision.ALLOW);
        assertThat(held.decide(2)).contains(RateDecision.ALLOW);
        assertThat(held.decide(3)).contains(RateDecision.ALLOW);
        assertThat(held.decide(4)).isEmpty();
    }

    @Test
    void aRefusalIsRepeatedLocallyUntilItsRetryAfterHasPassed() {
        HeldTokens held = new HeldTokens();
        held.refill(0, Duration.ofMillis(400), 1_000_000);

        RateDecision repeated = held.decide(1_000_000 + Duration.ofMillis(100).toNanos()).orElseThrow();
        assertThat(repeated.allowed()).isFalse();
        assertThat(repeated.retryAfter()).isEqualTo(Duration.ofMillis(300));

        assertThat(held.decide(1_000_000 + Duration.ofMillis(400).toNanos())).as("then Redis decides again").isEmpty();
    }

    @Test
    void aGrantAfterARefusalLiftsIt() {
        HeldTokens held = new HeldTokens();
        held.refill(0, Duration.ofSeconds(10), 0);
        held.refill(2, Duration.ZERO, 0);
        assertThat(held.decide(1)).contains(RateDecision.ALLOW);
    }

    @Test
    void requestsThatFindNothingHeldShareOneRedisCallUntilItsAnswerIsHeld() {
        HeldTokens held = new HeldTokens();
        AtomicInteger calls = new AtomicInteger();
        Supplier<Uni<Boolean>> fetch = () -> {
            calls.incrementAndGet();
            return Uni.createFrom().item(true);
        };
        Uni<Boolean> first = held.batch(fetch);
        assertThat(held.batch(fetch)).as("the second waiter joins the first call").isSameAs(first);
        assertThat(calls).hasValue(1);

        held.refill(1, Duration.ZERO, 0);
        held.batch(fetch);
        assertThat(calls).as("once the answer is held, the next request that finds nothing asks again").hasValue(2);

        held.unanswered();
        held.batch(fetch);
        assertThat(calls).as("an unanswered call ends its batch too").hasValue(3);
    }

    @Test
    void theBatchIsTheRateOverTheWindowAtLeastOneAndNeverMoreThanTheBucket() {
        Duration window = Duration.ofMillis(100);
        assertThat(TokenBucket.batchSize(50, 100, window)).isEqualTo(5);
        assertThat(TokenBucket.batchSize(0.2, 3, window)).isEqualTo(1);
        assertThat(TokenBucket.batchSize(1_000_000, 1_000, window)).isEqualTo(1_000);
    }
}
