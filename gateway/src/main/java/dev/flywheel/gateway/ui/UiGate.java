package dev.flywheel.gateway.ui;

import dev.flywheel.gateway.auth.ApiKeyGuard;
import dev.flywheel.gateway.auth.ApiKeys;
import dev.flywheel.gateway.auth.SessionCookie;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Every UI page gets a strict content security policy (no inline script or style, nothing from another
 * origin, never framed) and nosniff; every page but sign-in needs a valid sign-in cookie, else the browser is
 * sent to sign in. A form post changes something through the services on the user's behalf, so it needs the
 * {@code write} scope just as the API does (SPEC §8); only signing out is open to a read-only key.
 */
@Singleton
public class UiGate {

    public static final String SIGN_IN = "/ui/sign-in";
    private static final Set<String> OPEN_TO_READERS = Set.of(SIGN_IN, "/ui/sign-out");
    public static final String CSP =
            "default-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors 'none'";

    private final ApiKeys keys;
    private final SessionCookie cookie;
    private final Template error;

    public UiGate(ApiKeys keys, SessionCookie cookie, @Location("ui/error.html") Template error) {
        this.keys = keys;
        this.cookie = cookie;
        this.error = error;
    }

    /**
     * Where sign-in may send the browser afterwards: a page of this UI ({@code /ui/…}), never another site
     * ({@code //host}, {@code /ui/..//host}) or a form post's address; null for anything else.
     */
    public static String safeNext(String next) {
        if (next == null || !next.startsWith("/ui/") || next.contains("//") || next.contains("\\") || next.contains("..")
                || next.chars().anyMatch(c -> c < 0x20) || next.length() > 2000) {
            return null;
        }
        return next;
    }

    public void handle(RoutingContext rc) {
        rc.response()
                .putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "same-origin")
                .putHeader("Cache-Control", "no-store");
        if (!keys.enforced() || rc.request().path().equals(SIGN_IN)) {
            rc.next();
            return;
        }
        Optional<String> key = cookie.keyOf(rc.request());
        Optional<ApiKeys.Grant> grant = key.flatMap(keys::grantOf);
        if (grant.isEmpty()) {
            String uri = rc.request().uri();
            boolean back = rc.request().method() == HttpMethod.GET && safeNext(uri) != null && !uri.startsWith(SIGN_IN)
                    && !uri.equals("/ui/");
            rc.response().setStatusCode(303)
                    .putHeader("Location", back ? SIGN_IN + "?next=" + URLEncoder.encode(uri, StandardCharsets.UTF_8) : SIGN_IN)
                    .end();
            return;
        }
        ApiKeys.Scope needed = ApiKeyGuard.needs(rc.request().method());
        if (!grant.get().scopes().contains(needed) && !OPEN_TO_READERS.contains(rc.request().path())) {
            rc.response().setStatusCode(403).putHeader("Content-Type", "text/html;charset=UTF-8")
                    .end(error.data("status", 403).data("title", "Request refused")
                            .data("detail", "This API key may only read: it lacks the write scope.")
                            .data("csrf", UiSession.tokenFor(key.get())).render());
            return;
        }
        rc.put(ApiKeyGuard.KEY_HASH, grant.get().keyHash());
        rc.next();
    }
}
