package dev.flywheel.gateway.auth;

import dev.flywheel.gateway.problem.GatewayProblem;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.Set;

/**
 * Lets an {@code /api} request through only with a key that has the scope its method needs (SPEC §8):
 * no or unknown key → 401, key without the scope → 403. Health and static assets never reach this guard.
 */
@Singleton
public class ApiKeyGuard {

    private static final String BEARER = "bearer ";

    private final ApiKeys keys;

    public ApiKeyGuard(ApiKeys keys) {
        this.keys = keys;
    }

    public void check(RoutingContext rc) {
        if (!keys.enforced()) {
            rc.next();
            return;
        }
        String path = rc.request().path();
        Optional<String> presented = presentedKey(rc);
        if (presented.isEmpty()) {
            rc.response().putHeader("WWW-Authenticate", "Bearer");
            GatewayProblem.send(rc.response(), 401, "Unauthorized", "An API key is required: Authorization: Bearer <key>",
                    path);
            return;
        }
        Optional<Set<ApiKeys.Scope>> scopes = keys.scopesOf(presented.get());
        if (scopes.isEmpty()) {
            rc.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            GatewayProblem.send(rc.response(), 401, "Unauthorized", "The API key is not valid", path);
            return;
        }
        ApiKeys.Scope needed = needs(rc.request().method());
        if (!scopes.get().contains(needed)) {
            GatewayProblem.send(rc.response(), 403, "Forbidden",
                    "The API key lacks the " + needed.name().toLowerCase() + " scope", path);
            return;
        }
        rc.next();
    }

    static ApiKeys.Scope needs(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS
                ? ApiKeys.Scope.READ
                : ApiKeys.Scope.WRITE;
    }

    private static Optional<String> presentedKey(RoutingContext rc) {
        String authorization = rc.request().getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String key = authorization.substring(BEARER.length()).trim();
            return key.isEmpty() ? Optional.empty() : Optional.of(key);
        }
        return Optional.empty();
    }
}
