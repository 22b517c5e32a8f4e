package dev.flywheel.run.engine;

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
 * Only plain maps, lists, strings, numbers and booleans go in: templates reach no Java objects.
 */
public final class StageContext {

    private final Object input;
    private final Object config;
    private final Map<String, Object> vars;
    private final List<Map<String, Object>> stages = new ArrayList<>();

    public StageContext(ObjectMapper mapper, JsonNode inputData, JsonNode config) {
        this.input = inputData == null || inputData.isNull() ? "" : inputData.isTextual() ? inputData.asText()
                : mapper.convertValue(inputData, Object.class);
        this.config = mapper.convertValue(config, Object.class);
        JsonNode varsNode = config == null ? null : config.get("vars");
        this.vars = varsNode != null && varsNode.isObject() ? mapper.convertValue(varsNode, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {
        }) : Map.of();
    }

    public Map<String, Object> forStage(int index) {
        // vars first: the five names of the run win on a clash (SPEC §10).
        Map<String, Object> context = new HashMap<>(vars);
        context.put("input", input);
        context.put("config", config);
        context.put("stages", new ArrayList<>(stages));
        context.put("prev_output", stages.isEmpty() ? "" : stages.get(stages.size() - 1).get("output"));
        context.put("stage_index", index);
        return context;
    }

    public void completed(String prompt, String model, String output) {
        Map<String, Object> stage = new LinkedHashMap<>();
        stage.put("output", output);
        stage.put("prompt", prompt);
        stage.put("model", model);
        stages.add(stage);
    }

    /** The last stage's output: what scorers judge. */
    public String finalOutput() {
        return stages.isEmpty() ? "" : (String) stages.get(stages.size() - 1).get("output");
    }
}
