package dev.flywheel.gateway.auth;

import dev.flywheel.common.forwarded.ClientAddress;
import dev.flywheel.gateway.GatewayConfig;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The UI's sign-in cookie: it carries the API key the user pasted, HttpOnly so page scripts never see it and
 * SameSite=Strict so no other site's page can make the browser send it; Secure whenever the browser called over https,
 * as the gateway itself or a trusted proxy says (never a header any client can send).
 */
@Singleton
public class SessionCookie {

    private final String name;
    private final long maxAgeSeconds;
    private final ClientAddress address;

    public SessionCookie(GatewayConfig config, ClientAddress address) {
        this.name = config.ui().cookieName();
        this.maxAgeSeconds = config.ui().sessionMaxAge().toSeconds();
        this.address = address;
    }

    /** The key the request's cookie carries, if any. */
    public Optional<String> keyOf(HttpServerRequest request) {
        Cookie cookie = request.getCookie(name);
        return cookie == null || cookie.getValue().isBlank() ? Optional.empty() : Optional.of(cookie.getValue());
    }

    /** The {@code Set-Cookie} value that signs the browser in with a key. */
    public String signIn(String key, boolean secure) {
        return encode(key, maxAgeSeconds, secure);
    }

    /** The {@code Set-Cookie} value that removes the cookie. */
    public String signOut(boolean secure) {
        return encode("", 0, secure);
    }

    private String encode(String value, long maxAge, boolean secure) {
        return Cookie.cookie(name, value).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
                .setSecure(secure).setMaxAge(maxAge).encode();
    }

    /** Whether the browser reached the gateway over https, directly or through a trusted TLS-terminating proxy. */
    public boolean secure(HttpServerRequest request) {
        return address.secure(request);
    }
}
