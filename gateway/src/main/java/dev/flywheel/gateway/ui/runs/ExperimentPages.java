package dev.flywheel.gateway.ui.runs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.gateway.ui.JsonModel;
import dev.flywheel.gateway.ui.UiPaths;
import dev.flywheel.gateway.ui.UiResponses;
import dev.flywheel.gateway.ui.UiSession;
import dev.flywheel.gateway.ui.client.ServiceAnswer;
import dev.flywheel.gateway.ui.client.ServiceClient;
import dev.flywheel.gateway.ui.form.FormInput;
import dev.flywheel.gateway.ui.form.FormView;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Experiment pages over run-service (SPEC §5): the list with the create form, and an experiment with its runs,
 * leaderboard and the forms that launch a run or a batch.
 */
@Path("/ui/experiments")
@Produces(MediaType.TEXT_HTML)
public class ExperimentPages {

    private static final Map<String, String> NEW_RUN = Map.of("model", RunForms.DEFAULT_MODEL, "cache", "on",
            "prompt_template", "{{ input }}");
    private static final Map<String, String> NEW_BATCH = Map.of("models", RunForms.DEFAULT_MODEL, "repeat", "1",
            "cache", "on");

    private final ServiceClient services;
    private final UiSession session;
    private final Template list;
    private final Template detail;

    public ExperimentPages(ServiceClient services, UiSession session,
            @Location("ui/runs/experiments.html") Template list,
            @Location("ui/runs/experiment.html") Template detail) {
        this.services = services;
        this.session = session;
        this.list = list;
        this.detail = detail;
    }

    @GET
    public Uni<TemplateInstance> list(@RestQuery String cursor) {
        return listPage(cursor, FormView.empty());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> create(MultivaluedMap<String, String> submitted) {
        session.requireCsrf(submitted.getFirst(UiSession.CSRF_FIELD));
        FormInput input = new FormInput(submitted);
        return services.post("/api/experiments", RunForms.experiment(input)).flatMap(answer -> answer.invalidInput()
                ? listPage(null, FormView.refused(input, answer, RunForms.EXPERIMENT_FIELDS)).map(UiResponses::invalidForm)
                : Uni.createFrom().item(UiResponses.seeOther("/ui/experiments/" + answer.orFail().path("id").asText())));
    }

    @GET
    @Path("{id}")
    public Uni<TemplateInstance> show(@RestPath String id) {
        return detailPage(UiPaths.id(id), FormView.of(NEW_RUN), FormView.of(NEW_BATCH));
    }

    @POST
    @Path("{id}/runs")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> launchRun(@RestPath String id, MultivaluedMap<String, String> submitted) {
        String experiment = UiPaths.id(id);
        session.requireCsrf(submitted.getFirst(UiSession.CSRF_FIELD));
        FormInput input = new FormInput(submitted);
        JsonNode body = RunForms.run(input);
        if (!input.valid()) {
            return detailPage(experiment, FormView.rejected(input), FormView.of(NEW_BATCH)).map(UiResponses::invalidForm);
        }
        return services.post("/api/experiments/" + experiment + "/runs", body).flatMap(answer -> answer.invalidInput()
                ? detailPage(experiment, FormView.refused(input, answer, RunForms.RUN_FIELDS, RunForms::formField),
                        FormView.of(NEW_BATCH)).map(UiResponses::invalidForm)
                : Uni.createFrom().item(UiResponses.seeOther("/ui/runs/" + answer.orFail().path("id").asText())));
    }

    @POST
    @Path("{id}/batches")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> launchBatch(@RestPath String id, MultivaluedMap<String, String> submitted) {
        String experiment = UiPaths.id(id);
        session.requireCsrf(submitted.getFirst(UiSession.CSRF_FIELD));
        FormInput input = new FormInput(submitted);
        JsonNode body = RunForms.batch(input);
        if (!input.valid()) {
            return detailPage(experiment, FormView.of(NEW_RUN), FormView.rejected(input)).map(UiResponses::invalidForm);
        }
        return services.post("/api/experiments/" + experiment + "/runs:batch", body).flatMap(answer -> answer.invalidInput()
                ? detailPage(experiment, FormView.of(NEW_RUN),
                        FormView.refused(input, answer, RunForms.BATCH_FIELDS, RunForms::formField))
                        .map(UiResponses::invalidForm)
                : Uni.createFrom().item(UiResponses.afterWrite(answer, "/ui/experiments/" + experiment)));
    }

    private Uni<TemplateInstance> listPage(String cursor, FormView form) {
        String csrf = session.csrfToken();
        return services.get("/api/experiments" + UiPaths.query("limit", "100", "cursor", cursor))
                .map(ServiceAnswer::orFail)
                .map(page -> list.data("experiments", JsonModel.items(page))
                        .data("next", page.path("next_cursor").textValue())
                        .data("form", form)
                        .data("csrf", csrf));
    }

    private Uni<TemplateInstance> detailPage(String experiment, FormView runForm, FormView batchForm) {
        String csrf = session.csrfToken();
        Uni<JsonNode> found = services.get("/api/experiments/" + experiment).map(ServiceAnswer::orFail);
        Uni<JsonNode> runs = services.get("/api/runs" + UiPaths.query("experiment_id", experiment, "limit", "100"))
                .map(ServiceAnswer::orFail);
        Uni<JsonNode> leaderboard = services.get("/api/experiments/" + experiment + "/leaderboard")
                .map(ServiceAnswer::orFail);
        return Uni.combine().all().unis(found, runs, leaderboard).asTuple()
                .map(all -> detail.data("experiment", JsonModel.object(all.getItem1()))
                        .data("runs", JsonModel.items(all.getItem2()))
                        .data("leaderboard", LeaderboardRow.of(all.getItem3().path("entries")))
                        .data("run_form", runForm)
                        .data("batch_form", batchForm)
                        .data("csrf", csrf));
    }
}
