package dev.flywheel.run.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.common.problem.InvalidInput;
import dev.flywheel.run.RunServiceConfig;
import dev.flywheel.run.adapter.ModelCalls;
import dev.flywheel.run.adapter.ModelRef;
import dev.flywheel.run.scoring.Scorers;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The rules of a run config that Bean Validation cannot state: one of {@code prompt} and
 * {@code pipeline_stages} (an agent may supply the template instead), models of known providers,
 * params and vars as objects, buildable scorers, no empty model or template. Checked when the run is created, so a bad config is a 400,
 * never a run that fails later.
 */
@ApplicationScoped
public class RunConfigCheck {

    private final ModelCalls models;
    private final Scorers scorers;
    private final RunServiceConfig config;

    public RunConfigCheck(ModelCalls models, Scorers scorers, RunServiceConfig config) {
        this.models = models;
        this.scorers = scorers;
        this.config = config;
    }

    public void check(RunRequest request) {
        if (request.prompt() != null && request.pipelineStages() != null) {
            throw new InvalidInput("pipeline_stages", "give either prompt or pipeline_stages, not both");
        }
        if (request.prompt() == null && request.pipelineStages() == null && !request.agentLinked()) {
            throw new InvalidInput("prompt", "prompt or pipeline_stages is required (or agent_id / agent_slug)");
        }
        if (request.agentId() != null && request.agentSlug() != null) {
            throw new InvalidInput("agent_slug", "give either agent_id or agent_slug, not both");
        }
        if (request.pipelineStages() != null && request.pipelineStages().size() > config.limits().maxStages()) {
            throw new InvalidInput("pipeline_stages", "at most " + config.limits().maxStages() + " stages");
        }
        model(request.model(), "model");
        template(request.prompt(), "prompt");
        params(request.params(), "params");
        if (request.pipelineStages() != null) {
            for (int i = 0; i < request.pipelineStages().size(); i++) {
                StageRequest stage = request.pipelineStages().get(i);
                template(stage.promptTemplate(), "pipeline_stages[" + i + "].prompt_template");
                model(stage.model(), "pipeline_stages[" + i + "].model");
                params(stage.params(), "pipeline_stages[" + i + "].params");
            }
        }
        if (request.vars() != null && !request.vars().isNull() && !request.vars().isObject()) {
            throw new InvalidInput("vars", "must be a JSON object (each key a template variable)");
        }
        scorers.build(request.scorers(), "scorers");
    }

    private void model(String model, String field) {
        if (model == null) {
            return;
        }
        if (model.isBlank()) {
            throw new InvalidInput(field, "must not be empty (leave it out to use the agent's model, or " + RunRequest.DEFAULT_MODEL
                    + " without an agent)");
        }
        ModelRef ref;
        try {
            ref = ModelRef.parse(model);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(field, e.getMessage());
        }
        if (!models.knows(ref.provider())) {
            throw new InvalidInput(field, "unknown provider '" + ref.provider() + "'; known: "
                    + models.providers().stream().sorted().toList());
        }
    }

    // An empty template would send the model nothing and "complete" with no tokens; leaving the field out is how a
    // caller asks for the agent's template.
    private static void template(String template, String field) {
        if (template != null && template.isBlank()) {
            throw new InvalidInput(field, "must not be empty (leave it out to use the agent's template)");
        }
    }

    private static void params(JsonNode params, String field) {
        if (params != null && !params.isNull() && !params.isObject()) {
            throw new InvalidInput(field, "must be an object");
        }
    }
}
