package dev.flywheel.run.engine;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables a stage template sees (SPEC §5): {@code input} (input_data, '' when absent),
 * {@code config} (the whole run config), {@code stages} (earlier stages, each with {@code output},
 * {@code prompt} and {@code model}), {@code prev_output} ('' for the first stage) and {@code stage_index}, plus
 * each key of the config's {@code vars} (SPEC §10).
 * Only plain maps, lists, strings, numbers and booleans go in: templates reach no Java objects. Immutable: a
 * completed stage gives a new context for the next one.
 */
public final class StageContext {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final Object input;
    private final Object config;
    private final Map<String, Object> vars;
    private final List<Map<String, Object>> stages;

    public StageContext(ObjectMapper mapper, JsonNode inputData, JsonNode config) {
        this.input = inputData == null || inputData.isNull() ? "" : inputData.isTextual() ? inputData.asText()
                : mapper.convertValue(inputData, Object.class);
        this.config = mapper.convertValue(config, Object.class);
        JsonNode varsNode = config == null ? null : config.get("vars");
        this.vars = varsNode != null && varsNode.isObject() ? mapper.convertValue(varsNode, MAP) : Map.of();
        this.stages = List.of();
    }

    private StageContext(StageContext before, Map<String, Object> stage) {
        this.input = before.input;
        this.config = before.config;
        this.vars = before.vars;
        List<Map<String, Object>> stages = new ArrayList<>(before.stages);
        stages.add(stage);
        this.stages = List.copyOf(stages);
    }

    /** The variables of the next stage (its {@code stage_index} is the number of stages completed). */
    public Map<String, Object> variables() {
        // vars first: the five names of the run win on a clash (SPEC §10).
        Map<String, Object> context = new HashMap<>(vars);
        context.put("input", input);
        context.put("config", config);
        context.put("stages", stages);
        context.put("prev_output", stages.isEmpty() ? "" : stages.get(stages.size() - 1).get("output"));
        context.put("stage_index", stages.size());
        return context;
    }

    /** This context with one more completed stage. */
    public StageContext withStage(String prompt, String model, String output) {
        Map<String, Object> stage = new LinkedHashMap<>();
        stage.put("output", output);
        stage.put("prompt", prompt);
        stage.put("model", model);
        return new StageContext(this, stage);
    }

    /** The last stage's output: what scorers judge. */
    public String finalOutput() {
        return stages.isEmpty() ? "" : (String) stages.get(stages.size() - 1).get("output");
    }
}
