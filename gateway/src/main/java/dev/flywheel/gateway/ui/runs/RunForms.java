package dev.flywheel.gateway.ui.runs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.gateway.ui.form.FormInput;
import java.util.List;

/**
 * The experiment, run and batch forms (SPEC §5). A run is always sent as {@code pipeline_stages} (one stage, or two
 * when the second prompt is filled in), so the service's errors name {@code pipeline_stages[i].…} fields, which
 * {@link #formField} maps back to the form's inputs.
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
        ArrayNode stages = json.putArray("pipeline_stages");
        String model = input.text("model") == null ? DEFAULT_MODEL : input.text("model");
        stage(stages, input.raw("prompt_template"), model);
        String second = input.raw("prompt_template_2");
        if (second != null && !second.isBlank()) {
            stage(stages, second, input.text("model_2") == null ? model : input.text("model_2"));
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

    /** {@code pipeline_stages[1].model} is the form's {@code model_2}; the first stage's fields keep their names. */
    static String formField(String apiField) {
        if (apiField.startsWith("pipeline_stages[1].")) {
            return apiField.substring("pipeline_stages[1].".length()) + "_2";
        }
        if (apiField.startsWith("pipeline_stages[0].")) {
            return apiField.substring("pipeline_stages[0].".length());
        }
        return apiField.replaceFirst("^(prompts|models|inputs)\\[\\d+]$", "$1");
    }

    private static void stage(ArrayNode stages, String template, String model) {
        stages.addObject().put("prompt_template", template == null ? "" : template).put("model", model);
    }
}
