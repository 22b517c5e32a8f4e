package dev.flywheel.cli.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.cli.api.ApiClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/** Progress by paging through {@code GET /api/runs?experiment_id=} every interval and counting statuses. */
public final class RunListProgress implements ProgressSource {

    private static final int PAGE = 500;

    private final ApiClient client;
    private final UUID experimentId;
    private final Duration interval;
    private boolean first = true;

    public RunListProgress(ApiClient client, UUID experimentId, Duration interval) {
        this.client = client;
        this.experimentId = experimentId;
        this.interval = interval;
    }

    @Override
    public Progress next() throws InterruptedException {
        if (!first) {
            Thread.sleep(interval.toMillis());
        }
        first = false;
        int total = 0;
        int pending = 0;
        int running = 0;
        int completed = 0;
        int failed = 0;
        int cancelled = 0;
        String cursor = null;
        do {
            String path = "/api/runs?experiment_id=" + experimentId + "&limit=" + PAGE
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode page = client.get(path);
            for (JsonNode run : page.path("items")) {
                total++;
                switch (run.path("status").asText()) {
                    case "pending" -> pending++;
                    case "running" -> running++;
                    case "completed" -> completed++;
                    case "failed" -> failed++;
                    case "cancelled" -> cancelled++;
                    default -> pending++;
                }
            }
            cursor = page.path("next_cursor").isTextual() ? page.get("next_cursor").asText() : null;
        } while (cursor != null);
        return new Progress(total, pending, running, completed, failed, cancelled);
    }
}
