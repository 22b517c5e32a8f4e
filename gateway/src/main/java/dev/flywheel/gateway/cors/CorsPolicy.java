package dev.flywheel.gateway.cors;

import dev.flywheel.gateway.GatewayConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;

/**
 * CORS for {@code /api}, off unless {@code gateway.cors.origins} names origins. Quarkus' own CORS filter is not
 * used: whether it is on is fixed when the gateway is built, and with it on every cross-origin request from an
 * unlisted origin would be a bodiless 403 instead of the usual answer. A listed origin gets the
 * {@code Access-Control-*} headers and its preflights are answered here, before the key check (browsers send
 * preflights without credentials); any other origin gets no such header, so the browser refuses the answer.
 * Credentials are never allowed, so the sign-in cookie never authenticates a cross-origin call.
 */
@Singleton
public class CorsPolicy {

    private static final String METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE";
    private static final String HEADERS = "Authorization, Content-Type, X-Request-Id, traceparent";
    private static final String EXPOSED = "X-Request-Id, Location, Retry-After";

    private final Set<String> origins;
    private final String maxAge;

    public CorsPolicy(GatewayConfig config) {
        this.origins = Set.copyOf(config.cors().origins().orElse(List.of()));
        this.maxAge = Long.toString(config.cors().preflightMaxAge().toSeconds());
    }

    /**
     * Adds the CORS headers a request's origin earns; answers a listed origin's preflight itself and then returns
     * {@code true} (nothing else is to be done with the request), otherwise returns {@code false}.
     */
    public boolean answered(RoutingContext rc) {
        if (origins.isEmpty()) {
            return false;
        }
        rc.response().headers().add(HttpHeaders.VARY, "Origin");
        String origin = rc.request().getHeader(HttpHeaders.ORIGIN);
        if (origin == null || !origins.contains(origin)) {
            return false;
        }
        rc.response().putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        if (rc.request().method() == HttpMethod.OPTIONS
                && rc.request().getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null) {
            rc.response().setStatusCode(204)
                    .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, METHODS)
                    .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, HEADERS)
                    .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, maxAge)
                    .end();
            return true;
        }
        rc.response().putHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED);
        return false;
    }
}
