package dev.flywheel.gateway.ratelimit;

import java.time.Duration;

/** Whether a request may go on, and when it is refused, how long until the key's bucket has a token again. */
public record RateDecision(boolean allowed, Duration retryAfter) {

    public static final RateDecision ALLOW = new RateDecision(true, Duration.ZERO);

    /** Whole seconds for {@code Retry-After}, never 0 for a refusal (0 would invite an immediate retry). */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
