package dev.flywheel.gateway.routing;

import dev.flywheel.gateway.GatewayConfig;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** Which service owns which path prefix (SPEC §8). */
@Singleton
public class RouteTable {

    private final List<Route> routes;
    private final List<Upstream> upstreams;

    public RouteTable(GatewayConfig config) {
        Upstream variant = Upstream.of("variant-service", config.upstreams().variant());
        Upstream run = Upstream.of("run-service", config.upstreams().run());
        Upstream verify = Upstream.of("verify-service", config.upstreams().verify());
        Upstream selftest = Upstream.of("selftest-service", config.upstreams().selftest());
        routes = List.of(
                Route.of("/api/agents", variant),
                Route.of("/api/experiments", run),
                Route.of("/api/runs", run),
                Route.of("/api/cache", run),
                Route.of("/api/templates", run),
                Route.of("/api/verifications", verify),
                Route.of("/api/incidents", verify),
                Route.of("/api/tools", verify),
                Route.of("/api/selftest", selftest),
                Route.of("/health/loop-qa", selftest));
        upstreams = List.of(variant, run, verify, selftest);
    }

    /**
     * A path prefix, the service that owns everything under it, and the path its requests are counted under in
     * the gateway's metrics (one time series per route, not one per id in the path).
     */
    public record Route(String prefix, Upstream upstream, String metricsPath) {

        static Route of(String prefix, Upstream upstream) {
            return new Route(prefix, upstream, prefix + "/**");
        }
    }

    /**
     * The route a path falls under, {@code null} when none: a prefix matches itself and anything below it, never a
     * longer word.
     */
    Route routeOf(String path) {
        for (Route route : routes) {
            String prefix = route.prefix();
            if (path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/'
                    || path.charAt(prefix.length()) == ':')) {
                return route;
            }
        }
        return null;
    }

    /** The service that owns a path. */
    public Optional<Upstream> route(String path) {
        return Optional.ofNullable(routeOf(path)).map(Route::upstream);
    }

    /** Every path prefix a service owns, in a stable order. */
    public List<String> prefixes() {
        return routes.stream().map(Route::prefix).toList();
    }

    /** Every service behind the gateway, in a stable order. */
    public List<Upstream> upstreams() {
        return upstreams;
    }

    /** The service named, e.g. {@code selftest-service}. */
    public Upstream named(String name) {
        return upstreams.stream().filter(u -> u.name().equals(name)).findFirst().orElseThrow();
    }
}
