package dev.flywheel.run.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.common.problem.InvalidInput;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Expands a batch into its run configs, refusing one larger than the limit before building anything. */
public final class BatchPlanner {

    private BatchPlanner() {
    }

    public static List<RunRequest> expand(BatchRequest batch, int maxRuns) {
        List<String> models = batch.models() == null || batch.models().isEmpty() ? Collections.singletonList(null)
                : batch.models();
        List<ObjectNode> grid = grid(batch.paramsGrid());
        List<JsonNode> inputs = batch.inputs() == null || batch.inputs().isEmpty() ? Collections.singletonList(null)
                : batch.inputs();
        int repeat = batch.repeat() == null ? 1 : batch.repeat();
        long count = (long) batch.prompts().size() * models.size() * grid.size() * inputs.size() * repeat;
        if (count > maxRuns) {
            throw new InvalidInput("prompts", "the batch would create " + count + " runs; at most " + maxRuns);
        }
        List<RunRequest> runs = new ArrayList<>((int) count);
        for (String prompt : batch.prompts()) {
            for (String model : models) {
                for (ObjectNode params : grid) {
                    for (JsonNode input : inputs) {
                        for (int r = 0; r < repeat; r++) {
                            runs.add(new RunRequest(prompt, model, params.deepCopy(), null, input, batch.agentId(),
                                    batch.agentSlug(), batch.scorers(), batch.cache(), r, batch.vars()));
                        }
                    }
                }
            }
        }
        return runs;
    }

    /** Every combination of the grid's values; an empty or missing grid is one empty params object. */
    static List<ObjectNode> grid(JsonNode paramsGrid) {
        List<ObjectNode> combinations = new ArrayList<>(List.of(JsonNodeFactory.instance.objectNode()));
        if (paramsGrid == null || paramsGrid.isNull()) {
            return combinations;
        }
        if (!paramsGrid.isObject()) {
            throw new InvalidInput("params_grid", "must be an object of parameter → list of values");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = paramsGrid.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isArray() || field.getValue().isEmpty()) {
                throw new InvalidInput("params_grid." + field.getKey(), "must be a non-empty list of values");
            }
            List<ObjectNode> next = new ArrayList<>();
            for (ObjectNode partial : combinations) {
                for (JsonNode value : field.getValue()) {
                    ObjectNode extended = partial.deepCopy();
                    extended.set(field.getKey(), value);
                    next.add(extended);
                }
            }
            combinations = next;
        }
        return combinations;
    }
}
