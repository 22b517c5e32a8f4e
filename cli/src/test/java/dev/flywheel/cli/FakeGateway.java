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
 */
final class FakeGateway implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final Map<String, ObjectNode> runs = Collections.synchronizedMap(new LinkedHashMap<>());
    volatile String lastAuthorization;
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
            for (JsonNode config : body.path("runs")) {
                String id = UUID.randomUUID().toString();
                runs.put(id, complete(id, config));
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
