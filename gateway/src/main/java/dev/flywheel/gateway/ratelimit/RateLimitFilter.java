package dev.flywheel.gateway.ratelimit;

import dev.flywheel.gateway.GatewayConfig;
import dev.flywheel.gateway.auth.ApiKeyGuard;
import dev.flywheel.common.problem.Problem;
import dev.flywheel.common.problem.ProblemWriter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Runs after the key checks: a request made with a key takes a token from that key's bucket or is answered
 * 429 with {@code Retry-After}. Requests without a key (health, static assets, the sign-in page) are never limited.
 */
@Singleton
public class RateLimitFilter {

    private final TokenBucket buckets;
    private final boolean enabled;

    public RateLimitFilter(TokenBucket buckets, GatewayConfig config) {
        this.buckets = buckets;
        this.enabled = config.rateLimit().enabled();
    }

    /** As a route: the next route runs when the request may go on. */
    public void handle(RoutingContext rc) {
        admit(rc, rc::next);
    }

    /**
     * Runs {@code next} when the request may go on (at once when a token is held on this replica, after Redis has
     * answered otherwise); answers 429 when the key's bucket is empty.
     */
    public void admit(RoutingContext rc, Runnable next) {
        String keyHash = rc.get(ApiKeyGuard.KEY_HASH);
        if (!enabled || keyHash == null) {
            next.run();
            return;
        }
        Optional<RateDecision> held = buckets.takeHeld(keyHash);
        if (held.isPresent()) {
            apply(held.get(), rc, next);
            return;
        }
        // The body must wait in the socket while Redis answers; the proxy or resource reads it afterwards.
        rc.request().pause();
        Context context = Vertx.currentContext();
        buckets.takeFromRedis(keyHash).subscribe().with(decision -> context.runOnContext(ignored -> {
            rc.request().resume();
            apply(decision, rc, next);
        }));
    }

    private static void apply(RateDecision decision, RoutingContext rc, Runnable next) {
        if (decision.allowed()) {
            next.run();
            return;
        }
        rc.response().putHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
        ProblemWriter.send(rc.response(), Problem.of(429, "Too Many Requests",
                "The API key's request rate is exhausted; retry after " + decision.retryAfterSeconds() + " s",
                rc.request().path()));
    }
}
