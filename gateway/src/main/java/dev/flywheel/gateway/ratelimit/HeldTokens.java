package dev.flywheel.gateway.ratelimit;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What this replica knows about one key's bucket without asking Redis: the tokens it took from the shared bucket
 * and has not spent yet, a refusal that still holds, and the one Redis call for more tokens that may be under way.
 * Spending a held token or repeating a refusal costs no Redis round trip, and requests that find nothing held while
 * a call is under way wait for that call rather than make their own, so a busy key costs one Redis call per batch
 * of tokens and a refused key none until its Retry-After.
 */
final class HeldTokens {

    private static final Optional<RateDecision> ALLOWED = Optional.of(RateDecision.ALLOW);

    private long tokens;
    private long refusedUntilNanos;
    private boolean refused;
    /** The batch being fetched from Redis, shared by every request waiting for it; {@code null} when none is. */
    private Uni<Boolean> fetching;

    /** A decision made from what is held, or empty when Redis must be asked. */
    synchronized Optional<RateDecision> decide(long nowNanos) {
        if (tokens > 0) {
            tokens--;
            return ALLOWED;
        }
        if (refused && nowNanos - refusedUntilNanos < 0) {
            return Optional.of(new RateDecision(false, Duration.ofNanos(refusedUntilNanos - nowNanos)));
        }
        refused = false;
        return Optional.empty();
    }

    /**
     * The batch under way, or a new one from {@code fetch} when none is: it answers {@code true} once Redis'
     * answer is held ({@link #refill}), {@code false} when Redis could not be asked (the caller fails open).
     */
    synchronized Uni<Boolean> batch(Supplier<Uni<Boolean>> fetch) {
        if (fetching == null) {
            fetching = fetch.get().memoize().indefinitely();
        }
        return fetching;
    }

    /**
     * Records Redis' answer: {@code granted} tokens to spend here, or when none, a refusal for {@code retryAfter};
     * the batch is over, so the next request that finds nothing held asks again.
     */
    synchronized void refill(long granted, Duration retryAfter, long nowNanos) {
        fetching = null;
        if (granted >= 1) {
            tokens += granted;
            refused = false;
            return;
        }
        refused = true;
        refusedUntilNanos = nowNanos + retryAfter.toNanos();
    }

    /** Redis did not answer: the batch is over without tokens. */
    synchronized void unanswered() {
        fetching = null;
    }
}
