package dev.flywheel.gateway.ui;

import dev.flywheel.gateway.auth.SessionCookie;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;

/**
 * The styled 404 page for a {@code /ui/…} address no page answers, with the header of a signed-in user (the
 * sign-in gate has already sent anyone else to sign in).
 */
@Singleton
public class UiNotFound {

    private final Template error;
    private final SessionCookie cookie;

    public UiNotFound(@Location("ui/error.html") Template error, SessionCookie cookie) {
        this.error = error;
        this.cookie = cookie;
    }

    public void handle(RoutingContext rc) {
        String html = error.data("status", 404).data("title", "Page not found")
                .data("detail", "There is no page at this address. Use the links above to find your way.")
                .data("csrf", UiSession.tokenFor(cookie.keyOf(rc.request()).orElse(""))).render();
        rc.response().setStatusCode(404).putHeader("Content-Type", "text/html;charset=UTF-8").end(html);
    }
}
