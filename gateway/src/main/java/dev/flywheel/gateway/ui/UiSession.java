package dev.flywheel.gateway.ui;

import dev.flywheel.gateway.auth.SessionCookie;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The signed-in user of the current page request, as far as pages need them: the CSRF token every UI form
 * carries. The token is derived from the signed-in key, so a page from another site (which cannot read the key)
 * cannot forge it, and no server-side session store is needed.
 */
@Singleton
public class UiSession {

    public static final String CSRF_FIELD = "csrf_token";

    private final CurrentVertxRequest current;
    private final SessionCookie cookie;

    public UiSession(CurrentVertxRequest current, SessionCookie cookie) {
        this.current = current;
        this.cookie = cookie;
    }

    /** The token the current user's forms must send back. */
    public String csrfToken() {
        String key = cookie.keyOf(current.getCurrent().request()).orElse("");
        return tokenFor(key);
    }

    /** Refuses a form post whose token is missing or not the current user's. */
    public void requireCsrf(String presented) {
        byte[] expected = csrfToken().getBytes(StandardCharsets.UTF_8);
        byte[] given = presented == null ? new byte[0] : presented.getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, given)) {
            throw new UiRefusal(403, "The form was not sent from this site's pages (missing or wrong CSRF token). "
                    + "Reload the page and try again.");
        }
    }

    static String tokenFor(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("flywheel-ui-csrf:" + key).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
