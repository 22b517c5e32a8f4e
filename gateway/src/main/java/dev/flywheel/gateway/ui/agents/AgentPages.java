package dev.flywheel.gateway.ui.agents;

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
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Agent pages over variant-service (SPEC §4): the list, the agent with its variants and their actions, the
 * create and edit forms, the comparison of variant metrics and the audit history.
 */
@Path("/ui/agents")
@Produces(MediaType.TEXT_HTML)
public class AgentPages {

    private final ServiceClient services;
    private final UiSession session;
    private final Template list;
    private final Template form;
    private final Template detail;
    private final Template compare;
    private final Template audit;

    public AgentPages(ServiceClient services, UiSession session, @Location("ui/agents/list.html") Template list,
            @Location("ui/agents/agent-form.html") Template form, @Location("ui/agents/detail.html") Template detail,
            @Location("ui/agents/compare.html") Template compare, @Location("ui/agents/audit.html") Template audit) {
        this.services = services;
        this.session = session;
        this.list = list;
        this.form = form;
        this.detail = detail;
        this.compare = compare;
        this.audit = audit;
    }

    @GET
    public Uni<TemplateInstance> list(@RestQuery String cursor) {
        String csrf = session.csrfToken();
        return services.get("/api/agents" + UiPaths.query("limit", "100", "cursor", cursor)).map(ServiceAnswer::orFail)
                .map(page -> list.data("agents", JsonModel.items(page))
                        .data("next", page.path("next_cursor").textValue())
                        .data("csrf", csrf));
    }

    @GET
    @Path("new")
    public TemplateInstance newAgent() {
        return agentForm(FormView.of(Map.of("model_provider", "ollama")), "/ui/agents", null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> create(MultivaluedMap<String, String> submitted) {
        session.requireCsrf(submitted.getFirst(UiSession.CSRF_FIELD));
        FormInput input = new FormInput(submitted);
        JsonNode body = AgentForms.body(input, AgentForms.AGENT_IDENTITY, false);
        if (!input.valid()) {
            return Uni.createFrom().item(refused(FormView.rejected(input), "/ui/agents", null));
        }
        return services.post("/api/agents", body).map(answer -> answer.invalidInput()
                ? refused(FormView.refused(input, answer, AgentForms.AGENT_FIELDS), "/ui/agents", null)
                : UiResponses.seeOther("/ui/agents/" + answer.orFail().path("id").asText()));
    }

    @GET
    @Path("{id}")
    public Uni<TemplateInstance> show(@RestPath String id) {
        String agentId = UiPaths.id(id);
        String csrf = session.csrfToken();
        Uni<JsonNode> agent = services.get("/api/agents/" + agentId).map(ServiceAnswer::orFail);
        Uni<JsonNode> variants = services.get("/api/agents/" + agentId + "/variants?limit=500").map(ServiceAnswer::orFail);
        return Uni.combine().all().unis(agent, variants).asTuple()
                .map(both -> detail.data("agent", JsonModel.object(both.getItem1()))
                        .data("variants", JsonModel.items(both.getItem2()))
                        .data("csrf", csrf));
    }

    @GET
    @Path("{id}/edit")
    public Uni<TemplateInstance> edit(@RestPath String id) {
        String agentId = UiPaths.id(id);
        return services.get("/api/agents/" + agentId).map(answer -> agentForm(
                FormView.of(AgentForms.withVersion(AgentForms.values(JsonModel.object(answer.orFail())), answer.etag())),
                "/ui/agents/" + agentId, JsonModel.object(answer.orFail())));
    }

    @POST
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> update(@RestPath String id, MultivaluedMap<String, String> submitted) {
        String agentId = UiPaths.id(id);
        session.requireCsrf(submitted.getFirst(UiSession.CSRF_FIELD));
        FormInput input = new FormInput(submitted);
        JsonNode body = AgentForms.body(input, AgentForms.AGENT_IDENTITY, true);
        String action = "/ui/agents/" + agentId;
        Map<String, Object> editing = Map.of("id", agentId);
        if (!input.valid()) {
            return Uni.createFrom().item(refused(FormView.rejected(input), action, editing));
        }
        return services.patch("/api/agents/" + agentId, body, submitted.getFirst(AgentForms.VERSION))
                .map(answer -> answer.invalidInput() || answer.stale()
                ? refused(FormView.refused(input, answer, AgentForms.AGENT_FIELDS), action, editing)
                : UiResponses.afterWrite(answer, action));
    }

    @POST
    @Path("{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> delete(@RestPath String id, MultivaluedMap<String, String> submitted) {
        String agentId = UiPaths.id(id);
        session.requireCsrf(submitted.getFirst(UiSession.CSRF_FIELD));
        return services.delete("/api/agents/" + agentId).map(answer -> UiResponses.afterWrite(answer, "/ui/agents"));
    }

    @GET
    @Path("{id}/compare")
    public Uni<TemplateInstance> compare(@RestPath String id, @RestQuery("variant_ids") List<String> variantIds,
            @RestQuery String since) {
        String agentId = UiPaths.id(id);
        String csrf = session.csrfToken();
        String ids = String.join(",", variantIds.stream().map(UiPaths::id).toList());
        return services.get("/api/agents/" + agentId + "/compare" + UiPaths.query("variant_ids", ids, "since", since))
                .map(ServiceAnswer::orFail)
                .map(answer -> {
                    List<Object> rows = JsonModel.items(answer);
                    return compare.data("agent_id", agentId)
                            .data("rows", rows)
                            .data("chart", MetricsChart.of(answer.path("items")))
                            .data("csrf", csrf);
                });
    }

    @GET
    @Path("{id}/audit")
    public Uni<TemplateInstance> audit(@RestPath String id, @RestQuery String cursor) {
        String agentId = UiPaths.id(id);
        String csrf = session.csrfToken();
        return services.get("/api/agents/" + agentId + "/audit" + UiPaths.query("limit", "100", "cursor", cursor))
                .map(ServiceAnswer::orFail)
                .map(page -> audit.data("agent_id", agentId)
                        .data("entries", AuditLine.of(page.path("items")))
                        .data("next", page.path("next_cursor").textValue())
                        .data("csrf", csrf));
    }

    private TemplateInstance agentForm(FormView view, String action, Map<String, Object> editing) {
        return form.data("form", view).data("action", action).data("editing", editing)
                .data("csrf", session.csrfToken());
    }

    private Response refused(FormView view, String action, Map<String, Object> editing) {
        return UiResponses.invalidForm(agentForm(view, action, editing));
    }
}
