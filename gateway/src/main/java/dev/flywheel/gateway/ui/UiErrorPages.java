package dev.flywheel.gateway.ui;

import dev.flywheel.gateway.ui.client.ServiceFailure;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * UI failures as HTML pages with the failure's status: a service that answered an error or could not be reached
 * (named on the page), or a form the gateway refused.
 */
public class UiErrorPages {

    private final Template error;
    private final UiSession session;

    public UiErrorPages(@Location("ui/error.html") Template error, UiSession session) {
        this.error = error;
        this.session = session;
    }

    @ServerExceptionMapper
    public Response serviceFailed(ServiceFailure failure) {
        String title = failure.status() == 404 ? "Not found" : failure.status() >= 500 ? "Service unavailable"
                : "Request refused";
        return page(failure.status(), title, failure.service() + ": " + failure.getMessage());
    }

    @ServerExceptionMapper
    public Response refused(UiRefusal refusal) {
        return page(refusal.status(), "Request refused", refusal.getMessage());
    }

    private Response page(int status, String title, String detail) {
        String html = error.data("status", status).data("title", title).data("detail", detail)
                .data("csrf", session.csrfToken()).render();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html).build();
    }
}
