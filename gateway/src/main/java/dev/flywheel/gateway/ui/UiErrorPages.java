package dev.flywheel.gateway.ui;

import dev.flywheel.common.problem.Problem;
import dev.flywheel.gateway.ui.client.ServiceFailure;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * UI failures as HTML pages with the failure's status, in words a user can act on: a service that answered an
 * error or could not be reached (said what it does, not only its name), or a form the gateway refused.
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
        if (failure.status() == 404) {
            return page(404, "Not found", "There is nothing here: it may have been deleted, or the address is mistyped.");
        }
        if (failure.status() >= 500) {
            return page(failure.status(), "Service unavailable", "The " + humanName(failure.service())
                    + " is not answering right now. Try again in a moment; if it persists, check the dashboard.");
        }
        return page(failure.status(), "Request refused", failure.getMessage());
    }

    /** What a service does, for people who do not know the suite's service names. */
    static String humanName(String service) {
        return switch (service) {
            case "variant-service" -> "agents service (variant-service)";
            case "run-service" -> "experiments service (run-service)";
            case "verify-service" -> "verification service (verify-service)";
            case "selftest-service" -> "self-test service (selftest-service)";
            default -> service + " service";
        };
    }

    /**
     * An address under {@code /ui/} that no page answers is the styled 404 page (as {@link UiNotFound} gives for
     * paths Quarkus REST does not claim); anywhere else the problem answer every API gives.
     */
    @ServerExceptionMapper
    public Response notFound(NotFoundException e, HttpServerRequest request) {
        if (request.path().startsWith("/ui")) {
            return page(404, "Page not found", "There is no page at this address. Use the links above to find your way.");
        }
        return Response.status(404).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(404, "Not Found", e.getMessage(), request.path())).build();
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
