package dev.flywheel.gateway.auth;

import dev.flywheel.common.actor.Actor;
import dev.flywheel.common.problem.Problem;
import dev.flywheel.common.problem.ProblemWriter;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.Set;

/**
 * Lets an {@code /api} request through only with a key that has the scope its method needs (SPEC §8):
 * no or unknown key → 401, key without the scope → 403. Health and static assets never reach this guard.
 * The key comes from {@code Authorization: Bearer} or, for the UI's own htmx and EventSource calls, from the
 * sign-in cookie; a cookie alone never authorises a write unless the request carries {@code HX-Request}, a header
 * no cross-site form can set and no cross-origin script can send without a CORS preflight the gateway refuses.
 */
@Singleton
public class ApiKeyGuard {

    /**
     * POSTs that only compute an answer: a template preview renders and changes nothing, so a read-scoped key may
     * call it (SPEC §10). Matched exactly; any other spelling of the path needs the write scope.
     */
    static final Set<String> READ_ONLY_POSTS = Set.of("/api/templates/render");

    /** Where the guard leaves the hex SHA-256 of an accepted key for the rate limiter. */
    public static final String KEY_HASH = "flywheel.key-hash";

    /** The header that tells a service which key acted: {@code api-key:<first 12 hex of its hash>}. */
    public static final String ACTOR = Actor.HEADER;

    /** {@link #ACTOR} as Netty's ASCII string, whose hash is computed once rather than on every header lookup. */
    private static final CharSequence ACTOR_NAME = HttpHeaders.createOptimized(ACTOR);
    private static final String BEARER = "bearer ";

    private final ApiKeys keys;
    private final SessionCookie cookie;

    public ApiKeyGuard(ApiKeys keys, SessionCookie cookie) {
        this.keys = keys;
        this.cookie = cookie;
    }

    /**
     * Whether the request may go on; when not, it has been answered (401 or 403 problem). An admitted request
     * carries its key's actor header and leaves the key's hash in the context ({@link #KEY_HASH}).
     */
    public boolean admits(RoutingContext rc) {
        // Services record X-Actor in their audit trails: only the gateway may say who acted.
        rc.request().headers().remove(ACTOR_NAME);
        if (!keys.enforced()) {
            return true;
        }
        String path = rc.request().path();
        Optional<String> bearer = bearerKey(rc);
        Optional<String> presented = bearer.isPresent() ? bearer : cookie.keyOf(rc.request());
        if (presented.isEmpty()) {
            rc.response().putHeader("WWW-Authenticate", "Bearer");
            ProblemWriter.send(rc.response(), Problem.of(401, "Unauthorized",
                    "An API key is required: Authorization: Bearer <key>", path));
            return false;
        }
        Optional<ApiKeys.Grant> grant = keys.grantOf(presented.get());
        if (grant.isEmpty()) {
            rc.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            ProblemWriter.send(rc.response(), Problem.of(401, "Unauthorized", "The API key is not valid", path));
            return false;
        }
        ApiKeys.Scope needed = needs(rc.request().method(), path);
        if (!grant.get().scopes().contains(needed)) {
            ProblemWriter.send(rc.response(), Problem.of(403, "Forbidden",
                    "The API key lacks the " + needed.name().toLowerCase() + " scope", path));
            return false;
        }
        if (bearer.isEmpty() && needed == ApiKeys.Scope.WRITE && rc.request().getHeader("HX-Request") == null) {
            ProblemWriter.send(rc.response(), Problem.of(403, "Forbidden",
                    "A write authenticated by the sign-in cookie needs the HX-Request header (CSRF protection)", path));
            return false;
        }
        rc.put(KEY_HASH, grant.get().keyHash());
        rc.request().headers().set(ACTOR_NAME, grant.get().actor());
        return true;
    }

    /** How services name the key that acted: never the key, only a short prefix of its hash. */
    public static String actor(String keyHash) {
        return "api-key:" + keyHash.substring(0, 12);
    }

    /**
     * The scope a request needs: reads (GET, HEAD, OPTIONS) and the POSTs that change nothing ({@link #READ_ONLY_POSTS})
     * need {@code read}, everything else {@code write}.
     */
    public static ApiKeys.Scope needs(HttpMethod method, String path) {
        return method == HttpMethod.POST && READ_ONLY_POSTS.contains(path) ? ApiKeys.Scope.READ : needs(method);
    }

    /** The scope a request method needs: reads (GET, HEAD, OPTIONS) need {@code read}, everything else {@code write}. */
    public static ApiKeys.Scope needs(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS
                ? ApiKeys.Scope.READ
                : ApiKeys.Scope.WRITE;
    }

    private static Optional<String> bearerKey(RoutingContext rc) {
        String authorization = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String key = authorization.substring(BEARER.length()).trim();
            return key.isEmpty() ? Optional.empty() : Optional.of(key);
        }
        return Optional.empty();
    }
}
