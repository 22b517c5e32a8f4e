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

    /** A form shown again with its errors. */
    public static Response invalidForm(TemplateInstance page) {
        return Response.status(400).type(MediaType.TEXT_HTML_TYPE).entity(page).build();
    }
}
