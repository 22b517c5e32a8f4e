package dev.flywheel.gateway.routing;

import dev.flywheel.common.problem.Problem;
import dev.flywheel.common.problem.ProblemWriter;
import dev.flywheel.gateway.auth.ApiKeyGuard;
import dev.flywheel.gateway.cors.CorsPolicy;
import dev.flywheel.gateway.ratelimit.RateLimitFilter;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The order every request goes through: a request id first (common-http's {@code RequestIds}: kept from the
 * caller when sane, made otherwise, passed on and returned), then CORS on {@code /api} (off unless configured), then the API-key guard on {@code /api} (the sign-in gate on {@code /ui}), then the
 * per-key rate limit, then the forwarded headers that tell the services the address the client called, then the
 * proxy; what no service owns falls through to the gateway's own resources
 * ({@code /api/status}, the UI) and, failing those, a 404 problem. The UI's own steps (sign-in gate, rate limit,
 * styled 404) are installed at the same orders by {@code ui.UiRoutes}, so routing needs nothing of the UI.
 */
@Singleton
public class GatewayRoutes {

    void install(@Observes Router router, CorsPolicy cors, ApiKeyGuard guard, RateLimitFilter rateLimit,
            ForwardedHeaders forwarded, ServiceProxy proxy) {
        router.route("/api/*").order(-30).handler(cors::handle);
        router.route("/api/*").order(-20).handler(guard::check);
        router.route("/api/*").order(-15).handler(rateLimit::handle);
        router.route("/api/*").order(-12).handler(forwarded::handle);
        router.route("/health/loop-qa*").order(-12).handler(forwarded::handle);
        router.route("/api/*").order(-10).handler(proxy::handle);
        router.route("/health/loop-qa*").order(-10).handler(proxy::handle);
        router.route("/api/*").order(Integer.MAX_VALUE).handler(rc -> ProblemWriter.send(rc.response(),
                Problem.of(404, "Not Found", "No service owns " + rc.request().path(), rc.request().path())));
    }
}
