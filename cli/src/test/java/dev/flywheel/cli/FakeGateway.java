package dev.flywheel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A stand-in for the gateway's run API in the CLI's own tests (the real suite is driven by e2e's CliIT): runs
 * "complete" at once with the prompt (vars filled in, like echo) as output and a score per scorer computed the
 * way run-service's contains / exact_match would, so exit codes and reports can be checked without Quarkus.
 * The experiment event stream tells the runs' ends one by one with run-service's payloads, as {@link #stream} says.
 */
final class FakeGateway implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long FIRST_EVENT_ID = 1_700_000_000_000_000L;

    /** How {@code GET /api/experiments/{id}/events} answers. */
    enum Stream {
        /** Snapshot (all pending), each run's end with the counts after it, then the stream ends. */
        NORMAL,
        /**
         * The first connection is cut after two runs' ends, in the middle of the third event; a resumption gets
         * the events after its Last-Event-ID, the last one it had again first (run-service's overlap does that).
         */
        DROPPED_ONCE,
        /** Like an older server: no such route, 404 problem+json. */
        ABSENT,
        /** A 200 that is not an event stream (a proxy's page, say). */
        NOT_SSE,
        /** 503 every time. */
        FAILING,
        /** Counts that leave the last run out: the stream ends idle with fewer runs than were submitted. */
        UNDERCOUNTED
    }

    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final Map<String, ObjectNode> runs = Collections.synchronizedMap(new LinkedHashMap<>());
    /** The Last-Event-ID of each request for an experiment's events, "-" when it had none. */
    final List<String> lastEventIds = Collections.synchronizedList(new ArrayList<>());
    volatile Stream stream = Stream.NORMAL;
    volatile String lastAuthorization;
    private final Map<String, List<String>> runsOf = Collections.synchronizedMap(new LinkedHashMap<>());
    private final HttpServer server;

    FakeGateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        calls.add(method + " " + path);
        lastAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (method.equals("GET") && path.startsWith("/api/experiments/") && path.endsWith("/events")
                && stream != Stream.ABSENT) {
            events(exchange, path.split("/")[3]);
            return;
        }
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        JsonNode body = bytes.length == 0 ? JSON.nullNode() : JSON.readTree(bytes);
        ObjectNode answer = JSON.createObjectNode();
        int status = 200;
        if (method.equals("POST") && path.equals("/api/experiments")) {
            status = 201;
            answer.put("id", UUID.randomUUID().toString()).put("name", body.path("name").asText());
        } else if (method.equals("POST") && path.endsWith("/runs:bulk")) {
            status = 202;
            ArrayNode ids = answer.putArray("run_ids");
            List<String> ofExperiment = runsOf.computeIfAbsent(path.split("/")[3], experiment -> new ArrayList<>());
            for (JsonNode config : body.path("runs")) {
                String id = UUID.randomUUID().toString();
                runs.put(id, complete(id, config));
                ofExperiment.add(id);
                ids.add(id);
            }
            answer.put("count", ids.size());
        } else if (method.equals("GET") && path.equals("/api/runs")) {
            ArrayNode items = answer.putArray("items");
            runs.values().forEach(run -> items.addObject().put("id", run.get("id").asText()).put("status", "completed"));
            answer.putNull("next_cursor");
        } else if (method.equals("GET") && path.endsWith("/results")) {
            ArrayNode items = answer.putArray("items");
            runs.values().forEach(items::add);
            answer.putNull("next_cursor");
        } else if (method.equals("POST") && path.endsWith("/cancel")) {
            answer.put("count", 0);
        } else if (method.equals("GET") && path.equals("/api/status")) {
            answer.put("status", "UP").putArray("services").addObject().put("name", "run-service").put("status", "UP");
        } else {
            status = 404;
            answer.put("status", 404).put("detail", "no route " + path + (query == null ? "" : "?" + query));
        }
        byte[] out = JSON.writeValueAsBytes(answer);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }

    private void events(HttpExchange exchange, String experimentId) throws IOException {
        String lastEventId = exchange.getRequestHeaders().getFirst("Last-Event-ID");
        lastEventIds.add(lastEventId == null ? "-" : lastEventId);
        if (stream == Stream.FAILING || stream == Stream.NOT_SSE) {
            byte[] out = stream == Stream.FAILING ? "{\"status\":503,\"detail\":\"run-service is unavailable\"}".getBytes()
                    : "{\"items\":[]}".getBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(stream == Stream.FAILING ? 503 : 200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
            return;
        }
        List<String> all = runsOf.getOrDefault(experimentId, List.of());
        List<String> ids = stream == Stream.UNDERCOUNTED ? all.subList(0, all.size() - 1) : all;
        List<String> events = new ArrayList<>();
        events.add(event(FIRST_EVENT_ID, "experiment.snapshot", snapshot(experimentId, ids)));
        for (int i = 0; i < ids.size(); i++) {
            events.add(event(FIRST_EVENT_ID + i + 1, "run.completed", ended(experimentId, ids.get(i), ids.size(), i + 1)));
        }
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream; charset=utf-8");
        if (lastEventId != null) {
            int from = (int) (Long.parseLong(lastEventId) - FIRST_EVENT_ID);
            if (from >= events.size() - 1) {
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
                return;
            }
            // No second snapshot; the event the client had last comes again, as run-service's overlap may send it.
            send(exchange, String.join("", events.subList(Math.max(1, from), events.size())), true);
        } else if (stream == Stream.DROPPED_ONCE) {
            String third = events.get(3);
            send(exchange, ": stream open\n\n" + String.join("", events.subList(0, 3)) + third.substring(0, third.indexOf("data:")),
                    false);
        } else {
            send(exchange, ": stream open\n\n" + String.join("", events), true);
        }
    }

    // A cut connection: more bytes announced than sent, so the client reads a body that stops short.
    private static void send(HttpExchange exchange, String text, boolean whole) throws IOException {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, whole ? 0 : bytes.length + 1000);
        try {
            exchange.getResponseBody().write(bytes);
            exchange.getResponseBody().flush();
            exchange.close();
        } catch (IOException cut) {
            // The short body's close says what it was asked to do.
        }
    }

    private static String event(long id, String type, ObjectNode payload) {
        return "id: " + id + "\nevent: " + type + "\ndata: " + payload + "\n\n";
    }

    private static ObjectNode snapshot(String experimentId, List<String> ids) {
        ObjectNode payload = JSON.createObjectNode().put("type", "experiment.snapshot").put("experiment_id", experimentId);
        ObjectNode data = payload.putObject("data").put("experiment_id", experimentId);
        data.set("counts", counts(ids.size(), 0));
        ArrayNode list = data.putArray("runs");
        ids.forEach(id -> list.addObject().put("run_id", id).put("status", "pending"));
        return payload;
    }

    private static ObjectNode ended(String experimentId, String runId, int total, int completed) {
        ObjectNode payload = JSON.createObjectNode().put("type", "run.completed").put("run_id", runId)
                .put("experiment_id", experimentId).put("status", "completed");
        payload.putObject("data").put("run_id", runId).put("experiment_id", experimentId);
        payload.set("counts", counts(total - completed, completed));
        return payload;
    }

    private static ObjectNode counts(int pending, int completed) {
        return JSON.createObjectNode().put("pending", pending).put("running", 0).put("completed", completed)
                .put("failed", 0).put("cancelled", 0);
    }

    private static ObjectNode complete(String id, JsonNode config) {
        String output = config.path("prompt").asText();
        for (Map.Entry<String, JsonNode> var : iterable(config.path("vars"))) {
            output = output.replaceAll("\\{\\{\\s*" + var.getKey() + "\\s*}}", var.getValue().asText());
        }
        ObjectNode run = JSON.createObjectNode().put("id", id).put("status", "completed");
        run.set("config", config);
        run.putArray("stages").addObject().put("stage_index", 0).put("response_raw", output).put("latency_ms", 5)
                .put("cached", false);
        ArrayNode scores = run.putArray("scores");
        for (JsonNode scorer : config.path("scorers")) {
            scores.addObject().put("scorer_name", scorer.get("name").asText()).put("value", score(scorer, output));
        }
        run.putArray("scorer_errors");
        return run;
    }

    private static double score(JsonNode scorer, String output) {
        boolean sensitive = scorer.path("case_sensitive").asBoolean(false);
        String haystack = sensitive ? output : output.toLowerCase(Locale.ROOT);
        return switch (scorer.get("type").asText()) {
            case "contains" -> {
                boolean all = scorer.path("mode").asText("all").equals("all");
                boolean matched = all;
                for (JsonNode value : scorer.path("values")) {
                    String needle = sensitive ? value.asText() : value.asText().toLowerCase(Locale.ROOT);
                    matched = all ? matched && haystack.contains(needle) : matched || haystack.contains(needle);
                }
                yield matched ? 1.0 : 0.0;
            }
            case "exact_match" -> output.trim().equals(scorer.path("expected").asText().trim()) ? 1.0 : 0.0;
            default -> 0.0;
        };
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }
}
