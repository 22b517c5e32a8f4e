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
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.HashMap;
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

    /** How many agents' resolved configs the list asks variant-service for at once. */
    static final int RESOLVE_CONCURRENCY = 8;

    private final ServiceClient services;
    private final UiSession session;
    private final FormFlow forms;
    private final Template list;
    private final Template form;
    private final Template detail;
    private final Template compare;
    private final Template audit;
    private final Template confirm;

    public AgentPages(ServiceClient services, UiSession session, FormFlow forms, @Location("ui/agents/list.html") Template list,
            @Location("ui/agents/agent-form.html") Template form, @Location("ui/agents/detail.html") Template detail,
            @Location("ui/agents/compare.html") Template compare, @Location("ui/agents/audit.html") Template audit,
            @Location("ui/confirm-delete.html") Template confirm) {
        this.services = services;
        this.session = session;
        this.forms = forms;
        this.list = list;
        this.form = form;
        this.detail = detail;
        this.compare = compare;
        this.audit = audit;
        this.confirm = confirm;
    }

    /** The agents with the model their runs use now: the active variant's, else the base config's. */
    @GET
    public Uni<TemplateInstance> list(@RestQuery String cursor) {
        String csrf = session.csrfToken();
        return services.get("/api/agents" + UiPaths.query("limit", "100", "cursor", cursor)).map(ServiceAnswer::orFail)
                .flatMap(page -> Multi.createFrom().iterable(JsonModel.items(page))
                        .onItem().transformToUni(agent -> withResolved(JsonModel.asMap(agent))).merge(RESOLVE_CONCURRENCY)
                        .collect().asList()
                        .map(agents -> list.data("agents", sortedLike(JsonModel.items(page), agents))
                                .data("next", page.path("next_cursor").textValue())
                                .data("csrf", csrf)));
    }

    private Uni<Map<String, Object>> withResolved(Map<String, Object> agent) {
        return services.get("/api/agents/" + UiPaths.id(String.valueOf(agent.get("id"))) + "/resolved-config").map(answer -> {
            Map<String, Object> row = new HashMap<>(agent);
            // An agent whose config cannot be resolved right now is still listed, with its base model.
            row.put("resolved", answer.ok() ? JsonModel.object(answer.body()) : null);
            return row;
        });
    }

    private static List<Object> sortedLike(List<Object> order, List<Map<String, Object>> rows) {
        Map<Object, Map<String, Object>> byId = new HashMap<>();
        rows.forEach(row -> byId.put(row.get("id"), row));
        return order.stream().map(item -> (Object) byId.get(JsonModel.asMap(item).get("id"))).toList();
    }

    @GET
    @Path("new")
    public TemplateInstance newAgent() {
        return agentForm(FormView.of(Map.of("model_provider", "ollama")), "/ui/agents", null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> create(MultivaluedMap<String, String> submitted) {
        return forms.submit(submitted, input -> AgentForms.body(input, AgentForms.AGENT_IDENTITY, false),
                body -> services.post("/api/agents", body),
                FormFlow.Refusal.to(AgentForms.AGENT_FIELDS, view -> agentForm(view, "/ui/agents", null)),
                answer -> UiResponses.seeOther("/ui/agents/" + answer.orFail().path("id").asText() + "?done=created"));
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
        String action = "/ui/agents/" + agentId;
        return forms.submit(submitted, input -> AgentForms.body(input, AgentForms.AGENT_IDENTITY, true),
                body -> services.patch("/api/agents/" + agentId, body, submitted.getFirst(AgentForms.VERSION)),
                FormFlow.Refusal.to(AgentForms.AGENT_FIELDS, view -> agentForm(view, action, Map.of("id", agentId))),
                answer -> UiResponses.afterWrite(answer, action, "updated"));
    }

    /** Deleting asks first, on a page of its own: no script, and the agent's name is in front of the user. */
    @GET
    @Path("{id}/delete")
    public Uni<TemplateInstance> confirmDelete(@RestPath String id) {
        String agentId = UiPaths.id(id);
        return services.get("/api/agents/" + agentId).map(ServiceAnswer::orFail)
                .map(agent -> deletePage(JsonModel.object(agent), null));
    }

    @POST
    @Path("{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> delete(@RestPath String id, MultivaluedMap<String, String> submitted) {
        String agentId = UiPaths.id(id);
        return forms.act(submitted, () -> services.delete("/api/agents/" + agentId),
                answer -> UiResponses.afterWrite(answer, "/ui/agents", "deleted"),
                refusal -> services.get("/api/agents/" + agentId).map(ServiceAnswer::orFail)
                        .map(agent -> deletePage(JsonModel.object(agent), refusal)));
    }

    private TemplateInstance deletePage(Map<String, Object> agent, String refusal) {
        return confirm.data("what", "agent").data("name", agent.get("name"))
                .data("consequence", "Its variants and their performance history go with it. This cannot be undone.")
                .data("action", "/ui/agents/" + agent.get("id") + "/delete")
                .data("cancel", "/ui/agents/" + agent.get("id"))
                .data("refusal", refusal)
                .data("csrf", session.csrfToken());
    }

    /**
     * Metrics of the chosen variants beside the base config's, charted (rates, latency, tokens) and tabled, with
     * the configs' differences.
     */
    @GET
    @Path("{id}/compare")
    public Uni<TemplateInstance> compare(@RestPath String id, @RestQuery("variant_ids") List<String> variantIds,
            @RestQuery String since) {
        String agentId = UiPaths.id(id);
        String csrf = session.csrfToken();
        String ids = String.join(",", variantIds.stream().map(UiPaths::id).toList());
        Uni<JsonNode> metrics = services.get("/api/agents/" + agentId + "/compare" + UiPaths.query("variant_ids", ids,
                "since", since)).map(ServiceAnswer::orFail);
        Uni<JsonNode> agent = services.get("/api/agents/" + agentId).map(ServiceAnswer::orFail);
        Uni<JsonNode> variants = services.get("/api/agents/" + agentId + "/variants?limit=500").map(ServiceAnswer::orFail);
        return Uni.combine().all().unis(metrics, agent, variants).asTuple()
                .map(all -> {
                    JsonNode items = all.getItem1().path("items");
                    return compare.data("agent_id", agentId)
                            .data("agent_name", all.getItem2().path("name").asText())
                            .data("rows", JsonModel.items(all.getItem1()))
                            .data("rates", MetricsChart.rates(items))
                            .data("latency", MetricsChart.latency(items))
                            .data("tokens", MetricsChart.tokens(items))
                            .data("diff", diff(items, all.getItem2(), all.getItem3().path("items")))
                            .data("csrf", csrf);
                });
    }

    private static ConfigDiff diff(JsonNode items, JsonNode agent, JsonNode variants) {
        List<String> names = new ArrayList<>();
        List<JsonNode> configs = new ArrayList<>();
        for (JsonNode item : items) {
            String variantId = item.path("variant_id").asText(null);
            if (variantId == null) {
                names.add("base");
                configs.add(agent);
                continue;
            }
            for (JsonNode variant : variants) {
                if (variantId.equals(variant.path("id").asText())) {
                    names.add(variant.path("variant_name").asText());
                    configs.add(variant);
                }
            }
        }
        return ConfigDiff.of(names, configs);
    }

    @GET
    @Path("{id}/audit")
    public Uni<TemplateInstance> audit(@RestPath String id, @RestQuery String cursor) {
        String agentId = UiPaths.id(id);
        String csrf = session.csrfToken();
        Uni<JsonNode> page = services.get("/api/agents/" + agentId + "/audit" + UiPaths.query("limit", "100", "cursor", cursor))
                .map(ServiceAnswer::orFail);
        Uni<JsonNode> variants = services.get("/api/agents/" + agentId + "/variants?limit=500").map(ServiceAnswer::orFail);
        return Uni.combine().all().unis(page, variants).asTuple()
                .map(both -> {
                    Map<String, String> names = new HashMap<>();
                    both.getItem2().path("items").forEach(v -> names.put(v.path("id").asText(), v.path("variant_name").asText()));
                    return audit.data("agent_id", agentId)
                            .data("entries", AuditLine.of(both.getItem1().path("items"), names))
                            .data("next", both.getItem1().path("next_cursor").textValue())
                            .data("csrf", csrf);
                });
    }

    private TemplateInstance agentForm(FormView view, String action, Map<String, Object> editing) {
        return form.data("form", view).data("action", action).data("editing", editing)
                .data("csrf", session.csrfToken());
    }
}
