package dev.flywheel.run.adapter;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delay before retry number {@code retry} (0-based): exponential from {@code initial} with up to 50 %
 * jitter, so many runs hitting one rate limit do not retry in lock-step; a provider's Retry-After wins
 * when it asks for longer. Never longer than {@code max}.
 */
public record Backoff(Duration initial, Duration max) {

    public Duration delay(int retry, Duration retryAfter) {
        long base = initial.toMillis() << Math.min(retry, 20);
        long jittered = base + (long) (base * 0.5 * ThreadLocalRandom.current().nextDouble());
        long wanted = retryAfter == null ? jittered : Math.max(jittered, retryAfter.toMillis());
        return Duration.ofMillis(Math.min(wanted, max.toMillis()));
    }
}
