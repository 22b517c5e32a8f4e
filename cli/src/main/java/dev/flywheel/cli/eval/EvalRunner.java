package dev.flywheel.cli.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.cli.api.ApiClient;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs an eval on the suite: creates an experiment, submits the cases with one {@code runs:bulk} request per
 * batch, follows the experiment's event stream until no run is pending or running, reads every run back in pages
 * and judges the cases. Interrupting the process (Ctrl-C) cancels the experiment's runs that have not ended.
 */
public final class EvalRunner {

    private static final int RESULTS_PAGE = 500;
    // Three of run-service's heartbeat intervals (run.events.heartbeat, 15 s): a connection this quiet is dead.
    private static final Duration STREAM_SILENCE = Duration.ofSeconds(45);

    private final ApiClient client;
    private final int batchSize;
    private final Duration pollInterval;

    public EvalRunner(ApiClient client, int batchSize, Duration pollInterval) {
        this.client = client;
        this.batchSize = batchSize;
        this.pollInterval = pollInterval;
    }

    public EvalReport run(EvalSuite suite, ProgressView view, PrintWriter err) throws InterruptedException {
        Instant started = Instant.now();
        long startNanos = System.nanoTime();
        ObjectNode experiment = JsonNodeFactory.instance.objectNode()
                .put("name", suite.description()).put("description", "flywheel eval: " + suite.cases().size() + " cases");
        UUID experimentId = UUID.fromString(client.post("/api/experiments", experiment).path("id").asText());
        AtomicBoolean finished = new AtomicBoolean(false);
        Thread cancelOnInterrupt = new Thread(() -> {
            if (!finished.get()) {
                cancel(experimentId, err);
            }
        }, "flywheel-cancel");
        Runtime.getRuntime().addShutdownHook(cancelOnInterrupt);
        try {
            Map<UUID, EvalCase> byRun = submit(experimentId, suite.cases());
            err.println("experiment " + experimentId + ": " + byRun.size() + " runs submitted");
            err.flush();
            follow(experimentId, byRun.size(), view, err);
            view.end();
            List<CaseResult> results = judge(experimentId, byRun, suite.cases());
            finished.set(true);
            return new EvalReport(experimentId, suite.description(), started,
                    Duration.ofNanos(System.nanoTime() - startNanos), results);
        } finally {
            finished.set(true);
            try {
                Runtime.getRuntime().removeShutdownHook(cancelOnInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already exiting (Ctrl-C): the hook is running and cancels.
            }
        }
    }

    /**
     * Shows progress until no run is pending or running: from the experiment's event stream, or, when the server
     * cannot give one, by polling the run list, with a warning that says why (a server older than the stream keeps
     * working, slower; a fault with the stream does not throw away an eval whose runs are under way).
     */
    private void follow(UUID experimentId, int expected, ProgressView view, PrintWriter err) throws InterruptedException {
        ProgressSource progress = new EventStreamProgress(client, experimentId, STREAM_SILENCE);
        try {
            while (true) {
                Progress now;
                try {
                    now = progress.next();
                } catch (StreamUnavailable e) {
                    progress.close();
                    err.println("warning: " + e.getMessage() + "; following progress by polling the run list every "
                            + pollInterval.toMillis() + " ms instead");
                    err.flush();
                    progress = new RunListProgress(client, experimentId, pollInterval);
                    continue;
                }
                view.show(now);
                if (now.done(expected)) {
                    return;
                }
            }
        } finally {
            progress.close();
        }
    }

    private Map<UUID, EvalCase> submit(UUID experimentId, List<EvalCase> cases) {
        Map<UUID, EvalCase> byRun = new HashMap<>();
        try {
            for (int from = 0; from < cases.size(); from += batchSize) {
                List<EvalCase> batch = cases.subList(from, Math.min(cases.size(), from + batchSize));
                ObjectNode body = JsonNodeFactory.instance.objectNode();
                ArrayNode runs = body.putArray("runs");
                batch.forEach(c -> runs.add(c.runConfig()));
                JsonNode created = client.post("/api/experiments/" + experimentId + "/runs:bulk", body);
                JsonNode ids = created.path("run_ids");
                for (int i = 0; i < batch.size(); i++) {
                    byRun.put(UUID.fromString(ids.get(i).asText()), batch.get(i));
                }
            }
        } catch (RuntimeException e) {
            // All or none for the whole eval too: what earlier batches created is cancelled.
            if (!byRun.isEmpty()) {
                client.post("/api/experiments/" + experimentId + "/cancel", null);
            }
            throw e;
        }
        return byRun;
    }

    private List<CaseResult> judge(UUID experimentId, Map<UUID, EvalCase> byRun, List<EvalCase> cases) {
        Map<Integer, CaseResult> results = new HashMap<>();
        String cursor = null;
        do {
            JsonNode page = client.get("/api/experiments/" + experimentId + "/results?limit=" + RESULTS_PAGE
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            for (JsonNode run : page.path("items")) {
                EvalCase evalCase = byRun.get(UUID.fromString(run.path("id").asText()));
                if (evalCase != null) {
                    results.put(evalCase.index(), PassRules.judge(evalCase, run));
                }
            }
            cursor = page.path("next_cursor").isTextual() ? page.get("next_cursor").asText() : null;
        } while (cursor != null);
        List<CaseResult> ordered = new ArrayList<>();
        for (EvalCase evalCase : cases) {
            CaseResult result = results.get(evalCase.index());
            ordered.add(result != null ? result : new CaseResult(evalCase, null, CaseResult.Outcome.ERROR, null, null,
                    false, null, "the run was not found in the experiment", List.of()));
        }
        return ordered;
    }

    private void cancel(UUID experimentId, PrintWriter err) {
        try {
            JsonNode cancelled = client.post("/api/experiments/" + experimentId + "/cancel", null);
            err.println();
            err.println("interrupted: cancelled " + cancelled.path("count").asInt() + " runs of experiment " + experimentId);
        } catch (RuntimeException e) {
            err.println("interrupted: could not cancel experiment " + experimentId + ": " + e.getMessage());
        }
        err.flush();
    }
}
