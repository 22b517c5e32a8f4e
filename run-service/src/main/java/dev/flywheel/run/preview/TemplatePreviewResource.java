package dev.flywheel.run.preview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.common.problem.InvalidInput;
import dev.flywheel.run.agent.AgentResolver;
import dev.flywheel.run.engine.PromptRenderer;
import dev.flywheel.run.engine.StageContext;
import dev.flywheel.run.engine.TemplateFailure;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/**
 * Renders a prompt template without running anything (SPEC §10), so a UI or CLI can show the prompt, or the error on
 * its line, before a run is launched. The context is built as a run's stage context is, by {@link StageContext}.
 */
@Path("/api/templates")
public class TemplatePreviewResource {

    private final PromptRenderer renderer;
    private final AgentResolver agents;
    private final ObjectMapper mapper;

    public TemplatePreviewResource(PromptRenderer renderer, AgentResolver agents, ObjectMapper mapper) {
        this.renderer = renderer;
        this.agents = agents;
        this.mapper = mapper;
    }

    @POST
    @Path("/render")
    public Uni<TemplateRenderView> render(@Valid @NotNull TemplateRenderRequest request) {
        object(request.vars(), "vars");
        object(request.config(), "config");
        if (request.stages() != null && !request.stages().isNull() && !request.stages().isArray()) {
            throw new InvalidInput("stages", "must be an array of earlier stages, each with its output");
        }
        if (request.template() == null && request.agentSlug() == null) {
            throw new InvalidInput("template", "give a template, or an agent_slug whose template to render");
        }
        Uni<String> template = request.template() != null ? Uni.createFrom().item(request.template())
                : agents.resolve(null, request.agentSlug()).map(agent -> agent.userPromptTemplate() == null ? ""
                        : agent.userPromptTemplate());
        return template.chain(text -> {
            StageContext context = new StageContext(mapper, request.inputData(), config(request));
            if (request.stages() != null && request.stages().isArray()) {
                for (JsonNode stage : request.stages()) {
                    context = context.withStage(stage.path("prompt").asText(""), stage.path("model").asText(""),
                            stage.path("output").asText(""));
                }
            }
            return renderer.render(text, context.variables())
                    .onFailure(TemplateFailure.class).transform(e -> new InvalidInput("template", e.getMessage()));
        }).map(TemplateRenderView::new);
    }

    /** The config the template sees as {@code config}, carrying the preview's vars as a run's config would. */
    private JsonNode config(TemplateRenderRequest request) {
        ObjectNode config = request.config() != null && request.config().isObject() ? request.config().deepCopy()
                : mapper.createObjectNode();
        if (request.vars() != null && request.vars().isObject()) {
            config.set("vars", request.vars());
        }
        return config;
    }

    private static void object(JsonNode value, String field) {
        if (value != null && !value.isNull() && !value.isObject()) {
            throw new InvalidInput(field, "must be a JSON object");
        }
    }
}
