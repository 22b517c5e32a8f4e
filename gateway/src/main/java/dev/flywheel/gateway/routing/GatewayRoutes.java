package dev.flywheel.gateway.routing;

import dev.flywheel.gateway.auth.ApiKeyGuard;
import dev.flywheel.gateway.cors.CorsPolicy;
import dev.flywheel.gateway.problem.GatewayProblem;
import dev.flywheel.gateway.ratelimit.RateLimitFilter;
import dev.flywheel.gateway.ui.UiGate;
import dev.flywheel.gateway.ui.UiNotFound;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * The order every request goes through: a request id first (kept from the caller when sane, made otherwise,
 * passed on and returned), then CORS on {@code /api} (off unless configured), then the API-key guard on {@code /api} (the sign-in gate on {@code /ui}), then the
 * per-key rate limit, then the proxy; what no service owns falls through to the gateway's own resources
 * ({@code /api/status}, the UI) and, failing those, a 404 problem.
 */
@Singleton
public class GatewayRoutes {

    public static final String REQUEST_ID = "X-Request-Id";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    void install(@Observes Router router, CorsPolicy cors, ApiKeyGuard guard, UiGate uiGate, RateLimitFilter rateLimit,
            ServiceProxy proxy, UiNotFound uiNotFound) {
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            String presented = rc.request().getHeader(REQUEST_ID);
            String id = presented != null && SAFE_ID.matcher(presented).matches() ? presented : UUID.randomUUID().toString();
            rc.request().headers().set(REQUEST_ID, id);
            rc.response().putHeader(REQUEST_ID, id);
            MDC.put("request_id", id);
            rc.next();
        });
        router.route("/q/health*").order(Integer.MIN_VALUE + 1).handler(rc -> {
            rc.response().putHeader("Cache-Control", "no-store");
            rc.next();
        });
        router.route("/api/*").order(-30).handler(cors::handle);
        router.route("/api/*").order(-20).handler(guard::check);
        router.route("/ui*").order(-20).handler(uiGate::handle);
        router.route("/api/*").order(-15).handler(rateLimit::handle);
        router.route("/ui*").order(-15).handler(rateLimit::handle);
        router.route("/").order(-10).handler(rc -> rc.response().setStatusCode(303).putHeader("Location", "/ui/").end());
        router.route("/api/*").order(-10).handler(proxy::handle);
        router.route("/health/loop-qa*").order(-10).handler(proxy::handle);
        router.route("/api/*").order(Integer.MAX_VALUE).handler(rc -> GatewayProblem.send(rc.response(), 404,
                "Not Found", "No service owns " + rc.request().path(), rc.request().path()));
        router.route("/ui*").order(Integer.MAX_VALUE).handler(uiNotFound::handle);
    }
}
