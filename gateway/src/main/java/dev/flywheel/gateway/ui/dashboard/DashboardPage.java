package dev.flywheel.gateway.ui.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.gateway.status.StatusProbe;
import dev.flywheel.gateway.ui.JsonModel;
import dev.flywheel.gateway.ui.UiSession;
import dev.flywheel.gateway.ui.client.ServiceClient;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import dev.flywheel.gateway.ui.UiResponses;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /ui/}: every service's readiness, the capability panel (selftest-service's own fragment, fetched by
 * htmx from {@code /health/loop-qa/partial} and again every 30 s, with a button that runs every self-test now)
 * and the open upgrade proposals.
 */
@Path("/ui/")
@Produces(MediaType.TEXT_HTML)
public class DashboardPage {

    private final Template dashboard;
    private final StatusProbe probe;
    private final ServiceClient services;
    private final ObjectMapper mapper;
    private final UiSession session;

    public DashboardPage(@Location("ui/dashboard.html") Template dashboard, StatusProbe probe, ServiceClient services,
            ObjectMapper mapper, UiSession session) {
        this.dashboard = dashboard;
        this.probe = probe;
        this.services = services;
        this.mapper = mapper;
        this.session = session;
    }

    @GET
    public Uni<TemplateInstance> show() {
        String csrf = session.csrfToken();
        // A self-test service that is down must not take the status table with it.
        Uni<Optional<List<Object>>> proposals = services.get("/api/selftest/proposals?status=open")
                .map(answer -> answer.ok() ? Optional.of(JsonModel.items(answer.body())) : Optional.<List<Object>>empty())
                .onFailure().recoverWithItem(Optional.empty());
        return Uni.combine().all().unis(probe.check(), proposals).asTuple()
                .map(both -> dashboard.data("status", JsonModel.of(mapper.valueToTree(both.getItem1())))
                        .data("proposals", both.getItem2().orElse(null))
                        .data("csrf", csrf));
    }

    /** Runs every capability self-test now, then shows the dashboard with the fresh panel. */
    @POST
    @Path("selftest/run-all")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> runAll(MultivaluedMap<String, String> submitted) {
        session.requireCsrf(submitted.getFirst(UiSession.CSRF_FIELD));
        return services.post("/api/selftest/run-all", Map.of())
                .map(answer -> UiResponses.afterWrite(answer, "/ui/", "selftests"));
    }
}
