package dev.flywheel.gateway.ratelimit;

import java.time.Duration;
import java.util.Optional;

/**
 * What this replica knows about one key's bucket without asking Redis: the tokens it took from the shared bucket
 * and has not spent yet, and a refusal that still holds. Spending a held token or repeating a refusal costs no
 * Redis round trip, so a busy key costs one call per batch of tokens and a refused key none until its Retry-After.
 */
final class HeldTokens {

    private long tokens;
    private long refusedUntilNanos;
    private boolean refused;

    /** A decision made from what is held, or empty when Redis must be asked. */
    synchronized Optional<RateDecision> decide(long nowNanos) {
        if (tokens > 0) {
            tokens--;
            return Optional.of(RateDecision.ALLOW);
        }
        if (refused && nowNanos - refusedUntilNanos < 0) {
            return Optional.of(new RateDecision(false, Duration.ofNanos(refusedUntilNanos - nowNanos)));
        }
        refused = false;
        return Optional.empty();
    }

    /** Records Redis' answer for one request and returns that request's decision. */
    synchronized RateDecision answer(long granted, Duration retryAfter, long nowNanos) {
        if (granted >= 1) {
            tokens += granted - 1;
            refused = false;
            return RateDecision.ALLOW;
        }
        refused = true;
        refusedUntilNanos = nowNanos + retryAfter.toNanos();
        return new RateDecision(false, retryAfter);
    }
}
