package dev.flywheel.gateway.ui.runs;

import dev.flywheel.gateway.ui.JsonModel;
import dev.flywheel.gateway.ui.UiPaths;
import dev.flywheel.gateway.ui.UiSession;
import dev.flywheel.gateway.ui.client.ServiceAnswer;
import dev.flywheel.gateway.ui.client.ServiceClient;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import org.jboss.resteasy.reactive.RestPath;

/**
 * {@code /ui/runs/{id}}: a run's stages (prompt sent, response, cached flag), scores and scorer errors; while it
 * is pending or running, {@code /static/run-progress.js} follows {@code /api/runs/{id}/events} and reloads the
 * page when the run ends.
 */
@Path("/ui/runs")
@Produces(MediaType.TEXT_HTML)
public class RunPage {

    private static final Set<String> FINISHED = Set.of("completed", "failed", "cancelled");

    private final ServiceClient services;
    private final UiSession session;
    private final Template run;

    public RunPage(ServiceClient services, UiSession session, @Location("ui/runs/run.html") Template run) {
        this.services = services;
        this.session = session;
        this.run = run;
    }

    @GET
    @Path("{id}")
    public Uni<TemplateInstance> show(@RestPath String id) {
        String runId = UiPaths.id(id);
        String csrf = session.csrfToken();
        return services.get("/api/runs/" + runId).map(ServiceAnswer::orFail)
                .map(found -> run.data("run", JsonModel.object(found))
                        .data("config", JsonModel.pretty(found.path("config")))
                        .data("live", !FINISHED.contains(found.path("status").asText()))
                        .data("csrf", csrf));
    }
}
