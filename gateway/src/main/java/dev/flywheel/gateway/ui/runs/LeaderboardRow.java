package dev.flywheel.gateway.ui.runs;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One configuration on an experiment's leaderboard, as the table shows it: what was run (model, prompt, params,
 * agent) and how it did. Values the config leaves to an agent or a default say so instead of showing null.
 */
@TemplateData
public record LeaderboardRow(int rank, String model, String prompt, String params, String agent, long runs,
        Double successRate, Double meanScore, Double meanLatencyMs, long tokensIn, long tokensOut) {

    static List<LeaderboardRow> of(JsonNode entries) {
        List<LeaderboardRow> rows = new ArrayList<>();
        for (JsonNode entry : entries) {
            JsonNode config = entry.path("config");
            JsonNode firstStage = config.path("pipeline_stages").path(0);
            String agent = text(config.path("agent_slug"), text(config.path("agent_id"), null));
            String model = text(firstStage.path("model"), text(config.path("model"),
                    agent != null ? "the agent's model" : RunForms.DEFAULT_MODEL));
            String prompt = text(firstStage.path("prompt_template"), text(config.path("prompt"),
                    agent != null ? "the agent's template" : ""));
            int stages = config.path("pipeline_stages").size();
            if (stages > 1) {
                prompt = prompt + " (+" + (stages - 1) + (stages == 2 ? " stage)" : " stages)");
            }
            rows.add(new LeaderboardRow(entry.path("rank").asInt(rows.size() + 1), model, prompt,
                    params(config.path("params")), agent, entry.path("runs").asLong(), number(entry.path("success_rate")),
                    number(entry.path("mean_score")), number(entry.path("mean_latency_ms")),
                    entry.path("tokens_in").asLong(), entry.path("tokens_out").asLong()));
        }
        return rows;
    }

    /** Params as {@code temperature=0.2, max_tokens=64}, empty when none. */
    static String params(JsonNode params) {
        if (!params.isObject() || params.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = params.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            parts.add(field.getKey() + "=" + (field.getValue().isTextual() ? field.getValue().asText() : field.getValue()));
        }
        return String.join(", ", parts);
    }

    private static String text(JsonNode value, String otherwise) {
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : otherwise;
    }

    private static Double number(JsonNode value) {
        return value.isNumber() ? value.asDouble() : null;
    }
}
