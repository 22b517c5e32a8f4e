package dev.flywheel.gateway.routing;

import dev.flywheel.common.problem.Problem;
import dev.flywheel.common.problem.ProblemWriter;
import dev.flywheel.gateway.auth.ApiKeyGuard;
import dev.flywheel.gateway.cors.CorsPolicy;
import dev.flywheel.gateway.ratelimit.RateLimitFilter;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The order every request goes through: a request id first (common-http's {@code RequestIds}: kept from the
 * caller when sane, made otherwise, passed on and returned), then on {@code /api} CORS (off unless configured), the
 * API-key guard (the sign-in gate on {@code /ui}), the per-key rate limit, and, for a path a service owns, the proxy
 * with the forwarded headers that tell the service the address the client called; what no service owns falls
 * through to the gateway's own resources ({@code /api/status}, the UI) and, failing those, a 404 problem. The UI's
 * own steps (sign-in gate, rate limit, styled 404) are installed by {@code ui.UiRoutes}, so routing needs nothing of
 * the UI.
 * <p>
 * The {@code /api} steps run in sequence inside one route rather than as one route each: every hop through the
 * router searches its route list again, and on the proxied path, the gateway's busiest, those hops cost more than
 * the steps themselves (README, Performance).
 */
@Singleton
public class GatewayRoutes {

    private final CorsPolicy cors;
    private final ApiKeyGuard guard;
    private final RateLimitFilter rateLimit;
    private final ServiceProxy proxy;

    public GatewayRoutes(CorsPolicy cors, ApiKeyGuard guard, RateLimitFilter rateLimit, ServiceProxy proxy) {
        this.cors = cors;
        this.guard = guard;
        this.rateLimit = rateLimit;
        this.proxy = proxy;
    }

    void install(@Observes Router router) {
        router.route("/api/*").order(-30).handler(this::api);
        router.route("/health/loop-qa*").order(-30).handler(this::proxyOrNext);
        router.route("/api/*").order(Integer.MAX_VALUE).handler(rc -> ProblemWriter.send(rc.response(),
                Problem.of(404, "Not Found", "No service owns " + rc.request().path(), rc.request().path())));
    }

    private void api(RoutingContext rc) {
        if (cors.answered(rc) || !guard.admits(rc)) {
            return;
        }
        rateLimit.admit(rc, () -> proxyOrNext(rc));
    }

    private void proxyOrNext(RoutingContext rc) {
        RouteTable.Route route = proxy.routeOf(rc.request().path());
        if (route == null) {
            rc.next();
            return;
        }
        proxy.proxy(rc.request(), route);
    }
}
