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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;

/**
 * {@code /ui/}: every service's readiness, the capability panel (selftest-service's own fragment, fetched by
 * htmx from {@code /health/loop-qa/partial} and again every 30 s) and the open upgrade proposals.
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
}
