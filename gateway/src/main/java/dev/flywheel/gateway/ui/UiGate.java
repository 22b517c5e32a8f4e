package dev.flywheel.gateway.ui;

import dev.flywheel.gateway.auth.ApiKeyGuard;
import dev.flywheel.gateway.auth.ApiKeys;
import dev.flywheel.gateway.auth.SessionCookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Every UI page gets a strict content security policy (no inline script or style, nothing from another
 * origin, never framed) and nosniff; every page but sign-in needs a valid sign-in cookie, else the browser is
 * sent to sign in.
 */
@Singleton
public class UiGate {

    public static final String SIGN_IN = "/ui/sign-in";
    public static final String CSP =
            "default-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors 'none'";

    private final ApiKeys keys;
    private final SessionCookie cookie;

    public UiGate(ApiKeys keys, SessionCookie cookie) {
        this.keys = keys;
        this.cookie = cookie;
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
        Optional<ApiKeys.Grant> grant = cookie.keyOf(rc.request()).flatMap(keys::grantOf);
        if (grant.isEmpty()) {
            rc.response().setStatusCode(303).putHeader("Location", SIGN_IN).end();
            return;
        }
        rc.put(ApiKeyGuard.KEY_HASH, grant.get().keyHash());
        rc.next();
    }
}
