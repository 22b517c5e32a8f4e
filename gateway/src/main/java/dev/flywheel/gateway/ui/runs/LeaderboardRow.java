package dev.flywheel.gateway.ui.runs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.gateway.ui.JsonModel;
import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.List;

/** One configuration on an experiment's leaderboard, with its config shown as JSON. */
@TemplateData
public record LeaderboardRow(int rank, String config, long runs, String successRate, String meanScore,
        String meanLatencyMs) {

    static List<LeaderboardRow> of(JsonNode entries) {
        List<LeaderboardRow> rows = new ArrayList<>();
        for (JsonNode entry : entries) {
            rows.add(new LeaderboardRow(entry.path("rank").asInt(rows.size() + 1),
                    JsonModel.pretty(entry.path("config")), entry.path("runs").asLong(),
                    number(entry.path("success_rate")), number(entry.path("mean_score")),
                    number(entry.path("mean_latency_ms"))));
        }
        return rows;
    }

    private static String number(JsonNode value) {
        return value.isNumber() ? value.asText() : "—";
    }
}
