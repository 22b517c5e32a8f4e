package dev.flywheel.gateway.ui.runs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.gateway.ui.form.FormInput;
import java.util.List;

/**
 * The experiment, run and batch forms (SPEC §5). A run sends only what the user filled in (SPEC §10 "Agent-linked
 * runs are what they claim"): with an agent and no template or model, the agent's resolved ones apply and the run
 * counts for its variant. One prompt is sent as {@code prompt}, two as {@code pipeline_stages}; the service's
 * errors on either are mapped back to the form's inputs by {@link #formField}.
 */
final class RunForms {

    static final List<String> EXPERIMENT_FIELDS = List.of("name", "description");
    static final List<String> RUN_FIELDS = List.of("prompt_template", "model", "prompt_template_2", "model_2",
            "input_data", "agent_slug", "cache", "scorers");
    static final List<String> BATCH_FIELDS = List.of("prompts", "models", "inputs", "repeat", "params_grid", "cache",
            "scorers");
    static final String DEFAULT_MODEL = "echo:any";

    private RunForms() {
    }

    static ObjectNode experiment(FormInput input) {
        ObjectNode json = FormInput.object();
        input.putText(json, "name", false).putText(json, "description", false);
        return json;
    }

    static ObjectNode run(FormInput input) {
        ObjectNode json = FormInput.object();
        String first = input.raw("prompt_template");
        String second = input.raw("prompt_template_2");
        if (second != null && !second.isBlank()) {
            ArrayNode stages = json.putArray("pipeline_stages");
            // An empty first stage is sent as such, so run-service names it next to its field.
            stage(stages, first == null ? "" : first, input.text("model"));
            stage(stages, second, input.text("model_2"));
        } else {
            input.putText(json, "prompt_template", false);
            if (json.has("prompt_template")) {
                json.set("prompt", json.remove("prompt_template"));
            }
            input.putText(json, "model", false);
        }
        input.putText(json, "input_data", false).putText(json, "agent_slug", false).putJson(json, "scorers");
        json.put("cache", input.checked("cache"));
        return json;
    }

    static ObjectNode batch(FormInput input) {
        ObjectNode json = FormInput.object();
        input.lines("prompts").forEach(json.putArray("prompts")::add);
        List<String> models = input.lines("models");
        models.forEach(json.putArray("models")::add);
        if (models.isEmpty()) {
            json.withArray("models").add(DEFAULT_MODEL);
        }
        List<String> inputs = input.lines("inputs");
        if (!inputs.isEmpty()) {
            inputs.forEach(json.putArray("inputs")::add);
        }
        input.putInteger(json, "repeat").putJson(json, "params_grid").putJson(json, "scorers");
        json.put("cache", input.checked("cache"));
        return json;
    }

    /**
     * The run form's first template (or its agent's, when only an agent is given) and input, as
     * {@code POST /api/templates/render} takes them.
     */
    static ObjectNode preview(FormInput input) {
        ObjectNode json = FormInput.object();
        String template = input.raw("prompt_template");
        if (template != null && !template.isBlank()) {
            json.put("template", template);
        }
        input.putText(json, "agent_slug", false).putText(json, "input_data", false);
        return json;
    }

    /**
     * {@code pipeline_stages[1].model} is the form's {@code model_2}; the first stage's fields keep their names, and a
     * one-stage run's {@code prompt} is the form's first template.
     */
    static String formField(String apiField) {
        if (apiField.equals("prompt")) {
            return "prompt_template";
        }
        if (apiField.startsWith("pipeline_stages[1].")) {
            return apiField.substring("pipeline_stages[1].".length()) + "_2";
        }
        if (apiField.startsWith("pipeline_stages[0].")) {
            return apiField.substring("pipeline_stages[0].".length());
        }
        return apiField.replaceFirst("^(prompts|models|inputs)\\[\\d+]$", "$1");
    }

    private static void stage(ArrayNode stages, String template, String model) {
        ObjectNode stage = stages.addObject().put("prompt_template", template);
        if (model != null) {
            stage.put("model", model);
        }
    }
}
