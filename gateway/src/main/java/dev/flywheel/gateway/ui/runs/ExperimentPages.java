package dev.flywheel.gateway.ui.runs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.gateway.ui.JsonModel;
import dev.flywheel.gateway.ui.UiPaths;
import dev.flywheel.gateway.ui.UiResponses;
import dev.flywheel.gateway.ui.UiSession;
import dev.flywheel.gateway.ui.client.ServiceAnswer;
import dev.flywheel.gateway.ui.client.ServiceClient;
import dev.flywheel.gateway.ui.form.FormFlow;
import dev.flywheel.gateway.ui.form.FormInput;
import dev.flywheel.gateway.ui.form.FormView;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Experiment pages over run-service (SPEC §5): the list with the create form, and an experiment with its progress,
 * leaderboard and runs table (sorted and filtered by run-service), then the forms that launch a run or a batch.
 * While runs are pending or running, {@code /static/experiment-live.js} follows the experiment's event stream
 * ({@code /api/experiments/{id}/events?until=idle}, SPEC §10): the progress bar moves with each event's counts and
 * the results fragment ({@code /ui/experiments/{id}/live}) is re-rendered, so a batch's progress reaches 100 %
 * without a reload; without script the page offers a reload link.
 */
@Path("/ui/experiments")
@Produces(MediaType.TEXT_HTML)
public class ExperimentPages {

    private static final Map<String, String> NEW_RUN = Map.of("cache", "on");
    static final String LIVE_FRAGMENT = "live";
    static final String PREVIEW_FRAGMENT = "preview";
    static final int PAGE_SIZE = 50;
    /** How many pending or running runs the progress counts exactly; beyond it the bar says "at least". */
    static final int COUNT_LIMIT = 500;
    static final List<String> STATUSES = List.of("pending", "running", "completed", "failed", "cancelled");
    // Jinja2 and JSON braces would read as Qute expressions inside the template, so the examples come as data.
    static final Map<String, String> EXAMPLES = Map.of("prompt", "Answer briefly: {{ input }}",
            "scorers", "[{\"type\": \"contains\", \"values\": [\"yes\"]}]",
            "params_grid", "{\"temperature\": [0, 0.7]}");
    private static final Map<String, String> NEW_BATCH = Map.of("models", RunForms.DEFAULT_MODEL, "repeat", "1",
            "cache", "on");

    private final ServiceClient services;
    private final UiSession session;
    private final FormFlow forms;
    private final Template list;
    private final Template detail;

    public ExperimentPages(ServiceClient services, UiSession session, FormFlow forms,
            @Location("ui/runs/experiments.html") Template list,
            @Location("ui/runs/experiment.html") Template detail) {
        this.services = services;
        this.session = session;
        this.forms = forms;
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
        return forms.submit(submitted, RunForms::experiment, body -> services.post("/api/experiments", body),
                new FormFlow.Refusal(RunForms.EXPERIMENT_FIELDS, UnaryOperator.identity(), view -> listPage(null, view)),
                answer -> UiResponses.seeOther("/ui/experiments/" + answer.orFail().path("id").asText()));
    }

    @GET
    @Path("{id}")
    public Uni<TemplateInstance> show(@RestPath String id, @BeanParam RunTableParams params) {
        return detailPage(UiPaths.id(id), params.query(), FormView.of(NEW_RUN), FormView.of(NEW_BATCH));
    }

    /** The results fragment alone, for the live refresh. */
    @GET
    @Path("{id}/live")
    public Uni<TemplateInstance> live(@RestPath String id, @BeanParam RunTableParams params) {
        String experiment = UiPaths.id(id);
        return results(experiment, params.query()).map(data -> fill(detail.getFragment(LIVE_FRAGMENT).instance(), data));
    }

    @POST
    @Path("{id}/runs")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> launchRun(@RestPath String id, MultivaluedMap<String, String> submitted) {
        String experiment = UiPaths.id(id);
        return forms.submit(submitted, RunForms::run, body -> services.post("/api/experiments/" + experiment + "/runs", body),
                new FormFlow.Refusal(RunForms.RUN_FIELDS, RunForms::formField,
                        view -> detailPage(experiment, RunTableQuery.NONE, view, FormView.of(NEW_BATCH))),
                answer -> UiResponses.seeOther("/ui/runs/" + answer.orFail().path("id").asText()));
    }

    @POST
    @Path("{id}/batches")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> launchBatch(@RestPath String id, MultivaluedMap<String, String> submitted) {
        String experiment = UiPaths.id(id);
        return forms.submit(submitted, RunForms::batch,
                body -> services.post("/api/experiments/" + experiment + "/runs:batch", body),
                new FormFlow.Refusal(RunForms.BATCH_FIELDS, RunForms::formField,
                        view -> detailPage(experiment, RunTableQuery.NONE, FormView.of(NEW_RUN), view)),
                answer -> UiResponses.afterWrite(answer, "/ui/experiments/" + experiment, "launched"));
    }

    /**
     * The run form's prompt as run-service renders it ({@code POST /api/templates/render}), changing nothing. htmx
     * asks for the preview fragment alone; without script the button posts the form here and the whole page comes
     * back with the form as typed and the preview under it.
     */
    @POST
    @Path("{id}/preview")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<TemplateInstance> preview(@RestPath String id, @RestHeader("HX-Request") String htmx,
            MultivaluedMap<String, String> submitted) {
        String experiment = UiPaths.id(id);
        session.requireCsrf(submitted.getFirst(UiSession.CSRF_FIELD));
        FormInput input = new FormInput(submitted);
        return services.post("/api/templates/render", RunForms.preview(input)).flatMap(answer -> {
            PromptPreview preview = answer.ok() ? PromptPreview.rendered(answer.body().path("output").asText())
                    : PromptPreview.refused(answer);
            if (htmx != null) {
                return Uni.createFrom().item(detail.getFragment(PREVIEW_FRAGMENT).instance().data("preview", preview));
            }
            return detailPage(experiment, RunTableQuery.NONE, FormView.of(input.values()), FormView.of(NEW_BATCH))
                    .map(page -> page.data("preview", preview).data("open_run_form", true));
        });
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

    private Uni<TemplateInstance> detailPage(String experiment, RunTableQuery query, FormView runForm,
            FormView batchForm) {
        String csrf = session.csrfToken();
        return results(experiment, query).map(data -> fill(detail.instance(), data)
                .data("run_form", runForm)
                .data("batch_form", batchForm)
                .data("examples", EXAMPLES)
                .data("open_run_form", !runForm.errors().isEmpty() || !runForm.general().isEmpty())
                .data("open_batch_form", !batchForm.errors().isEmpty() || !batchForm.general().isEmpty())
                .data("csrf", csrf));
    }

    /**
     * Everything the results fragment shows, read from run-service at once: the experiment and its metrics, the
     * leaderboard, one page of runs as sorted and filtered, and how many runs are still pending or running.
     */
    private Uni<Map<String, Object>> results(String experiment, RunTableQuery query) {
        Uni<JsonNode> found = services.get("/api/experiments/" + experiment).map(ServiceAnswer::orFail);
        Uni<ServiceAnswer> runs = services.get("/api/runs" + query.apiQuery(experiment, PAGE_SIZE));
        Uni<JsonNode> leaderboard = services.get("/api/experiments/" + experiment + "/leaderboard")
                .map(ServiceAnswer::orFail);
        Uni<JsonNode> pending = services.get("/api/runs" + UiPaths.query("experiment_id", experiment, "status", "pending",
                "limit", Integer.toString(COUNT_LIMIT))).map(ServiceAnswer::orFail);
        Uni<JsonNode> running = services.get("/api/runs" + UiPaths.query("experiment_id", experiment, "status", "running",
                "limit", Integer.toString(COUNT_LIMIT))).map(ServiceAnswer::orFail);
        return Uni.combine().all().unis(found, runs, leaderboard, pending, running).asTuple().map(all -> {
            JsonNode experimentJson = all.getItem1();
            ServiceAnswer runPage = all.getItem2();
            if (!runPage.ok() && !runPage.invalidInput()) {
                runPage.orFail();
            }
            Progress progress = Progress.of(experimentJson.path("metrics").path("runs").asLong(),
                    all.getItem4().path("items").size(), all.getItem5().path("items").size(), COUNT_LIMIT);
            Map<String, Object> data = new HashMap<>();
            data.put("experiment", JsonModel.object(experimentJson));
            data.put("runs", runPage.ok() ? JsonModel.items(runPage.body()) : List.of());
            data.put("next", runPage.ok() ? runPage.body().path("next_cursor").textValue() : null);
            data.put("table_error", runPage.invalidInput() ? runPage.detail() : null);
            data.put("query", query);
            data.put("leaderboard", LeaderboardRow.of(all.getItem3().path("entries")));
            data.put("progress", progress);
            data.put("statuses", STATUSES);
            return data;
        });
    }

    private static TemplateInstance fill(TemplateInstance instance, Map<String, Object> data) {
        data.forEach(instance::data);
        return instance;
    }
}
