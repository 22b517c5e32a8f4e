package dev.flywheel.gateway.ui.runs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.gateway.ui.JsonModel;
import dev.flywheel.gateway.ui.UiPaths;
import dev.flywheel.gateway.ui.UiResponses;
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
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

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
    private final Template compare;

    public RunPage(ServiceClient services, UiSession session, @Location("ui/runs/run.html") Template run,
            @Location("ui/runs/compare.html") Template compare) {
        this.services = services;
        this.session = session;
        this.run = run;
        this.compare = compare;
    }

    /**
     * Two runs picked in an experiment's runs table ({@code ?run=a&run=b}), side by side; any other number of runs
     * is a 400 page that says how to pick two.
     */
    @GET
    @Path("compare")
    public Uni<Response> compare(@RestQuery("run") List<String> picked, @RestQuery("experiment_id") String experiment) {
        String csrf = session.csrfToken();
        List<String> ids = picked.stream().filter(id -> !id.isBlank()).distinct().map(UiPaths::id).toList();
        if (ids.size() != 2) {
            String back = experiment == null || experiment.isBlank() ? null : "/ui/experiments/" + UiPaths.id(experiment);
            return Uni.createFrom().item(UiResponses.invalidForm(compare
                    .data("refusal", ids.isEmpty() ? "No run was picked: pick two runs to compare."
                            : "Pick exactly two runs to compare; " + ids.size() + (ids.size() == 1 ? " was" : " were") + " picked.")
                    .data("back", back).data("comparison", null).data("csrf", csrf)));
        }
        Uni<JsonNode> left = services.get("/api/runs/" + ids.get(0)).map(ServiceAnswer::orFail);
        Uni<JsonNode> right = services.get("/api/runs/" + ids.get(1)).map(ServiceAnswer::orFail);
        return Uni.combine().all().unis(left, right).asTuple()
                .map(both -> Response.ok(compare.data("comparison", RunComparison.of(both.getItem1(), both.getItem2()))
                        .data("refusal", null).data("back", null).data("csrf", csrf)).type(MediaType.TEXT_HTML_TYPE).build());
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
