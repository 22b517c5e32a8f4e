package dev.flywheel.gateway.ui;

import dev.flywheel.gateway.ui.client.ServiceAnswer;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** How UI form posts end: a redirect after a write (post/redirect/get), or the form again with a 400. */
public final class UiResponses {

    private UiResponses() {
    }

    public static Response seeOther(String location) {
        return Response.seeOther(URI.create(location)).build();
    }

    /** The redirect after a write the service accepted; a refused write becomes an error page instead. */
    public static Response afterWrite(ServiceAnswer answer, String location) {
        answer.orFail();
        return seeOther(location);
    }

    /**
     * As {@link #afterWrite(ServiceAnswer, String)}, and the page redirected to says what was done (one of
     * {@link PageContext}'s notices).
     */
    public static Response afterWrite(ServiceAnswer answer, String location, String done) {
        answer.orFail();
        return seeOther(location + (location.contains("?") ? "&" : "?") + PageContext.DONE + "=" + done);
    }

    /** A form shown again with its errors. */
    public static Response invalidForm(TemplateInstance page) {
        return invalidForm(400, page);
    }

    /** A form shown again with its errors and the service's status (400, or 409 for a conflict). */
    public static Response invalidForm(int status, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(page).build();
    }
}
