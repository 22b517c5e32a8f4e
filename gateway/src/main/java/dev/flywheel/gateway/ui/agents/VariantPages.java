package dev.flywheel.gateway.ui.agents;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.gateway.ui.JsonModel;
import dev.flywheel.gateway.ui.UiPaths;
import dev.flywheel.gateway.ui.UiResponses;
import dev.flywheel.gateway.ui.UiSession;
import dev.flywheel.gateway.ui.client.ServiceAnswer;
import dev.flywheel.gateway.ui.client.ServiceClient;
import dev.flywheel.gateway.ui.form.FormFlow;
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
import java.util.function.Function;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Variant forms and actions of one agent (SPEC §4): create, edit, clone (from another variant or, with source
 * {@code base}, from the agent's base config), activate, deactivate and delete. Every action returns to the agent.
 */
@Path("/ui/agents/{agentId}/variants")
@Produces(MediaType.TEXT_HTML)
public class VariantPages {

    /** The clone source that means the agent's base config rather than a variant. */
    static final String BASE = "base";

    private final ServiceClient services;
    private final UiSession session;
    private final FormFlow forms;
    private final Template variantForm;
    private final Template cloneForm;
    private final Template detail;
    private final Template confirm;

    public VariantPages(ServiceClient services, UiSession session, FormFlow forms,
            @Location("ui/agents/variant-form.html") Template variantForm,
            @Location("ui/agents/clone-form.html") Template cloneForm,
            @Location("ui/agents/variant.html") Template detail,
            @Location("ui/confirm-delete.html") Template confirm) {
        this.services = services;
        this.session = session;
        this.forms = forms;
        this.variantForm = variantForm;
        this.cloneForm = cloneForm;
        this.detail = detail;
        this.confirm = confirm;
    }

    @GET
    @Path("new")
    public TemplateInstance newVariant(@RestPath String agentId) {
        String agent = UiPaths.id(agentId);
        return variantForm(FormView.empty(), agent, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> create(@RestPath String agentId, MultivaluedMap<String, String> submitted) {
        String agent = UiPaths.id(agentId);
        return forms.submit(submitted, input -> AgentForms.body(input, AgentForms.VARIANT_IDENTITY, false),
                body -> services.post("/api/agents/" + agent + "/variants", body),
                FormFlow.Refusal.to(AgentForms.VARIANT_FIELDS, view -> variantForm(view, agent, null)),
                backToAgent(agent, "created"));
    }

    @GET
    @Path("{variantId}/edit")
    public Uni<TemplateInstance> edit(@RestPath String agentId, @RestPath String variantId) {
        String agent = UiPaths.id(agentId);
        String variant = UiPaths.id(variantId);
        return services.get("/api/agents/" + agent + "/variants/" + variant).map(answer -> variantForm(FormView.of(
                AgentForms.withVersion(AgentForms.values(JsonModel.object(answer.orFail())), answer.etag())),
                agent, variant));
    }

    @POST
    @Path("{variantId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> update(@RestPath String agentId, @RestPath String variantId,
            MultivaluedMap<String, String> submitted) {
        String agent = UiPaths.id(agentId);
        String variant = UiPaths.id(variantId);
        return forms.submit(submitted, input -> AgentForms.body(input, AgentForms.VARIANT_IDENTITY, true),
                body -> services.patch("/api/agents/" + agent + "/variants/" + variant, body,
                        submitted.getFirst(AgentForms.VERSION)),
                FormFlow.Refusal.to(AgentForms.VARIANT_FIELDS, view -> variantForm(view, agent, variant)),
                backToAgent(agent, "updated"));
    }

    @POST
    @Path("{variantId}/activate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> activate(@RestPath String agentId, @RestPath String variantId,
            MultivaluedMap<String, String> submitted) {
        String agent = UiPaths.id(agentId);
        String variant = UiPaths.id(variantId);
        return forms.act(submitted, () -> services.post("/api/agents/" + agent + "/variants/" + variant + "/activate",
                Map.of()), backToAgent(agent, "activated"));
    }

    @POST
    @Path("deactivate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> deactivate(@RestPath String agentId, MultivaluedMap<String, String> submitted) {
        String agent = UiPaths.id(agentId);
        return forms.act(submitted, () -> services.post("/api/agents/" + agent + "/variants/deactivate", Map.of()),
                backToAgent(agent, "deactivated"));
    }

    @GET
    @Path("{variantId}/delete")
    public Uni<TemplateInstance> confirmDelete(@RestPath String agentId, @RestPath String variantId) {
        String agent = UiPaths.id(agentId);
        String variant = UiPaths.id(variantId);
        return services.get("/api/agents/" + agent + "/variants/" + variant).map(ServiceAnswer::orFail)
                .map(found -> deletePage(agent, JsonModel.object(found), null));
    }

    @POST
    @Path("{variantId}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> delete(@RestPath String agentId, @RestPath String variantId,
            MultivaluedMap<String, String> submitted) {
        String agent = UiPaths.id(agentId);
        String variant = UiPaths.id(variantId);
        return forms.act(submitted, () -> services.delete("/api/agents/" + agent + "/variants/" + variant),
                backToAgent(agent, "deleted"),
                refusal -> services.get("/api/agents/" + agent + "/variants/" + variant).map(ServiceAnswer::orFail)
                        .map(found -> deletePage(agent, JsonModel.object(found), refusal)));
    }

    /**
     * A variant's performance over time (success rate, latency, score per hour, drawn as SVG) and its recorded
     * runs, where runs that overrode the agent's config are marked as not counted.
     */
    @GET
    @Path("{variantId}")
    public Uni<TemplateInstance> show(@RestPath String agentId, @RestPath String variantId, @RestQuery String bucket) {
        String agent = UiPaths.id(agentId);
        String variant = UiPaths.id(variantId);
        String width = bucket == null || !SeriesChart.BUCKETS.contains(bucket) ? "1h" : bucket;
        String base = "/api/agents/" + agent + "/variants/" + variant;
        Uni<JsonNode> found = services.get(base).map(ServiceAnswer::orFail);
        Uni<JsonNode> metrics = services.get(base + "/metrics").map(ServiceAnswer::orFail);
        Uni<JsonNode> series = services.get(base + "/metrics/series" + UiPaths.query("bucket", width))
                .map(ServiceAnswer::orFail);
        Uni<JsonNode> history = services.get(base + "/history?limit=50").map(ServiceAnswer::orFail);
        String csrf = session.csrfToken();
        return Uni.combine().all().unis(found, metrics, series, history).asTuple()
                .map(all -> detail.data("agent_id", agent)
                        .data("variant", JsonModel.object(all.getItem1()))
                        .data("metrics", JsonModel.object(all.getItem2()))
                        .data("chart", SeriesChart.of(all.getItem3()))
                        .data("bucket", width)
                        .data("buckets", SeriesChart.BUCKETS)
                        .data("history", JsonModel.items(all.getItem4()))
                        .data("csrf", csrf));
    }

    private TemplateInstance deletePage(String agent, Map<String, Object> variant, String refusal) {
        return confirm.data("what", "variant").data("name", variant.get("variant_name"))
                .data("consequence", Boolean.TRUE.equals(variant.get("is_active"))
                        ? "It is the active variant: agent-linked runs will use the base config. This cannot be undone."
                        : "Its recorded runs stay in the agent's base history. This cannot be undone.")
                .data("action", "/ui/agents/" + agent + "/variants/" + variant.get("id") + "/delete")
                .data("cancel", "/ui/agents/" + agent)
                .data("refusal", refusal)
                .data("csrf", session.csrfToken());
    }

    @GET
    @Path("{source}/clone")
    public TemplateInstance cloneFormFor(@RestPath String agentId, @RestPath String source) {
        return cloneForm(FormView.empty(), UiPaths.id(agentId), UiPaths.id(source));
    }

    @POST
    @Path("{source}/clone")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> cloneVariant(@RestPath String agentId, @RestPath String source,
            MultivaluedMap<String, String> submitted) {
        String agent = UiPaths.id(agentId);
        String from = UiPaths.id(source);
        String target = BASE.equals(from) ? "/api/agents/" + agent + "/clone"
                : "/api/agents/" + agent + "/variants/" + from + "/clone";
        return forms.submit(submitted, AgentForms::cloneBody, body -> services.post(target, body),
                FormFlow.Refusal.to(AgentForms.VARIANT_FIELDS, view -> cloneForm(view, agent, from)),
                backToAgent(agent, "cloned"));
    }

    /** Every variant action ends on its agent's page, which says what was done. */
    private static Function<ServiceAnswer, Response> backToAgent(String agent, String done) {
        return answer -> UiResponses.afterWrite(answer, "/ui/agents/" + agent, done);
    }

    private TemplateInstance variantForm(FormView view, String agent, String variant) {
        return variantForm.data("form", view).data("agent_id", agent).data("variant_id", variant)
                .data("csrf", session.csrfToken());
    }

    private TemplateInstance cloneForm(FormView view, String agent, String source) {
        return cloneForm.data("form", view).data("agent_id", agent).data("source", source)
                .data("from_base", BASE.equals(source)).data("csrf", session.csrfToken());
    }
}
