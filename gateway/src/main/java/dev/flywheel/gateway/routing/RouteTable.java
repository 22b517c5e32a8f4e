package dev.flywheel.gateway.routing;

import dev.flywheel.gateway.GatewayConfig;
import jakarta.inject.Singleton;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Which service owns which path prefix (SPEC §8). */
@Singleton
public class RouteTable {

    private final Map<String, Upstream> byPrefix = new LinkedHashMap<>();
    private final List<Upstream> upstreams;

    public RouteTable(GatewayConfig config) {
        Upstream variant = Upstream.of("variant-service", config.upstreams().variant());
        Upstream run = Upstream.of("run-service", config.upstreams().run());
        Upstream verify = Upstream.of("verify-service", config.upstreams().verify());
        Upstream selftest = Upstream.of("selftest-service", config.upstreams().selftest());
        byPrefix.put("/api/agents", variant);
        byPrefix.put("/api/experiments", run);
        byPrefix.put("/api/runs", run);
        byPrefix.put("/api/cache", run);
        byPrefix.put("/api/verifications", verify);
        byPrefix.put("/api/incidents", verify);
        byPrefix.put("/api/tools", verify);
        byPrefix.put("/api/selftest", selftest);
        byPrefix.put("/health/loop-qa", selftest);
        upstreams = List.of(variant, run, verify, selftest);
    }

    /** A path prefix and the service that owns everything under it. */
    public record Route(String prefix, Upstream upstream) {
    }

    /** The route a path falls under: a prefix matches itself and anything below it, never a longer word. */
    public Optional<Route> match(String path) {
        for (Map.Entry<String, Upstream> entry : byPrefix.entrySet()) {
            String prefix = entry.getKey();
            if (path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/'
                    || path.charAt(prefix.length()) == ':')) {
                return Optional.of(new Route(prefix, entry.getValue()));
            }
        }
        return Optional.empty();
    }

    /** The service that owns a path. */
    public Optional<Upstream> route(String path) {
        return match(path).map(Route::upstream);
    }

    /** Every path prefix a service owns, in a stable order. */
    public Set<String> prefixes() {
        return Collections.unmodifiableSet(byPrefix.keySet());
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
