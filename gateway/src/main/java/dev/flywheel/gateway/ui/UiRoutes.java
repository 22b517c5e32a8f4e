package dev.flywheel.gateway.ui;

import dev.flywheel.gateway.ratelimit.RateLimitFilter;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The UI's steps in the sequence of {@code routing.GatewayRoutes}: the sign-in gate where the API has its key guard,
 * the same per-key rate limit, {@code /} sent to the dashboard, and the styled
 * 404 page for a {@code /ui/…} address no page answers.
 */
@Singleton
public class UiRoutes {

    void install(@Observes Router router, UiGate gate, RateLimitFilter rateLimit, UiNotFound notFound) {
        router.route("/ui*").order(-20).handler(gate::handle);
        router.route("/ui*").order(-15).handler(rateLimit::handle);
        router.route("/").order(-10).handler(rc -> rc.response().setStatusCode(303).putHeader("Location", "/ui/").end());
        router.route("/ui*").order(Integer.MAX_VALUE).handler(notFound::handle);
    }
}
