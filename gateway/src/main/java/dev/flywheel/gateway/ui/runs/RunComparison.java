package dev.flywheel.gateway.ui.runs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.gateway.ui.JsonModel;
import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Two runs side by side: their headline numbers, each stage's prompt and response next to the other run's stage of
 * the same number, and the config fields on which they differ, so a reader sees what changed and what came of it.
 */
@TemplateData
public record RunComparison(Map<String, Object> left, Map<String, Object> right, List<StagePair> stages,
        List<ConfigRow> differences) {

    /** Stage {@code number} (from 1) of each run, left then right. */
    @TemplateData
    public record StagePair(int number, List<Side> sides) {
    }

    /** One run's stage; {@code stage} is null where the run has fewer stages. */
    @TemplateData
    public record Side(String runId, Map<String, Object> stage) {
    }

    /** Both runs, left then right, for the summary table. */
    public List<Map<String, Object>> runs() {
        return List.of(left, right);
    }

    @TemplateData
    public record ConfigRow(String field, String left, String right) {
    }

    static RunComparison of(JsonNode left, JsonNode right) {
        JsonNode leftStages = left.path("stages");
        JsonNode rightStages = right.path("stages");
        List<StagePair> stages = new ArrayList<>();
        for (int i = 0; i < Math.max(leftStages.size(), rightStages.size()); i++) {
            stages.add(new StagePair(i + 1, List.of(new Side(left.path("id").asText(), stage(leftStages, i)),
                    new Side(right.path("id").asText(), stage(rightStages, i)))));
        }
        return new RunComparison(JsonModel.object(left), JsonModel.object(right), List.copyOf(stages),
                differences(left.path("config"), right.path("config")));
    }

    private static Map<String, Object> stage(JsonNode stages, int index) {
        return index < stages.size() ? JsonModel.object(stages.get(index)) : null;
    }

    private static List<ConfigRow> differences(JsonNode left, JsonNode right) {
        TreeSet<String> fields = new TreeSet<>();
        left.fieldNames().forEachRemaining(fields::add);
        right.fieldNames().forEachRemaining(fields::add);
        List<ConfigRow> rows = new ArrayList<>();
        for (String field : fields) {
            String was = text(left.path(field));
            String is = text(right.path(field));
            if (!was.equals(is)) {
                rows.add(new ConfigRow(field, was, is));
            }
        }
        return List.copyOf(rows);
    }

    private static String text(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        return value.isTextual() ? value.asText() : value.toString();
    }
}
