package dev.flywheel.gateway.ui.signin;

import dev.flywheel.gateway.auth.ApiKeys;
import dev.flywheel.gateway.auth.SessionCookie;
import dev.flywheel.gateway.ui.UiGate;
import dev.flywheel.gateway.ui.UiSession;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestQuery;
import java.net.URI;

/**
 * {@code /ui/sign-in} and {@code /ui/sign-out}: the pasted key is checked with {@link ApiKeys} and kept in the
 * sign-in cookie, then the browser goes back to the page it was sent away from ({@code next}); signing out
 * expires the cookie.
 */
@Path("/ui")
@Produces(MediaType.TEXT_HTML)
public class SignInPage {

    private final Template signIn;
    private final ApiKeys keys;
    private final SessionCookie cookie;
    private final UiSession session;

    public SignInPage(@Location("ui/sign-in.html") Template signIn, ApiKeys keys, SessionCookie cookie,
            UiSession session) {
        this.signIn = signIn;
        this.keys = keys;
        this.cookie = cookie;
        this.session = session;
    }

    @GET
    @Path("sign-in")
    public String form(@RestQuery String next) {
        return signIn.data("next", UiGate.safeNext(next)).render();
    }

    @POST
    @Path("sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("api_key") String key, @FormParam("next") String next,
            @Context HttpServerRequest request) {
        String trimmed = key == null ? "" : key.trim();
        String destination = UiGate.safeNext(next);
        if (trimmed.isEmpty() || keys.scopesOf(trimmed).isEmpty() && keys.enforced()) {
            return Response.status(401).type(MediaType.TEXT_HTML_TYPE)
                    .entity(signIn.data("error", "That API key is not valid. Check it was copied whole, without spaces.")
                            .data("next", destination).render()).build();
        }
        return Response.seeOther(URI.create(destination == null ? "/ui/" : destination))
                .header("Set-Cookie", cookie.signIn(trimmed, cookie.secure(request))).build();
    }

    @POST
    @Path("sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(@FormParam(UiSession.CSRF_FIELD) String csrf, @Context HttpServerRequest request) {
        session.requireCsrf(csrf);
        return Response.seeOther(URI.create(UiGate.SIGN_IN))
                .header("Set-Cookie", cookie.signOut(cookie.secure(request))).build();
    }
}
