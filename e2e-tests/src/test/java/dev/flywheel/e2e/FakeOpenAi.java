package dev.flywheel.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenAI-compatible chat-completions server in the test JVM, answering like bench/fake_openai.py
 * ("answer to " + the last message) after 50 ms, or after a minute when the prompt holds {@code [slow]} (so a
 * test can interrupt work in flight), or after n ms when it holds {@code [<n>ms]}. Started once, before the suite, and handed to run-service as its
 * openai base URL.
 */
final class FakeOpenAi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PAUSE = Pattern.compile("\\[(\\d{1,5})ms]");
    private static volatile FakeOpenAi running;

    private final HttpServer server;

    private FakeOpenAi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fake-openai");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::answer);
        server.start();
    }

    static synchronized FakeOpenAi get() {
        if (running == null) {
            try {
                running = new FakeOpenAi();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the fake OpenAI server", e);
            }
        }
        return running;
    }

    /** A prompt holding {@code [<n>ms]} is answered after n ms (a run with visible progress), else after 50 ms. */
    private static long pause(String prompt) {
        Matcher pause = PAUSE.matcher(prompt);
        return pause.find() ? Long.parseLong(pause.group(1)) : 50;
    }

    /** The base URL up to /v1, as run.providers.openai.base-url wants it. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private void answer(HttpExchange exchange) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
        JsonNode messages = request.path("messages");
        String prompt = messages.isArray() && !messages.isEmpty() ? messages.get(messages.size() - 1).path("content").asText()
                : "";
        try {
            Thread.sleep(prompt.contains("[slow]") ? 60_000 : pause(prompt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ObjectNode body = JSON.createObjectNode().put("id", "chatcmpl-e2e").put("object", "chat.completion")
                .put("model", request.path("model").asText("fake"));
        body.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop").putObject("message")
                .put("role", "assistant").put("content", "answer to " + prompt);
        body.putObject("usage").put("prompt_tokens", Math.max(1, prompt.length() / 4)).put("completion_tokens", 8)
                .put("total_tokens", Math.max(1, prompt.length() / 4) + 8);
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException clientGone) {
            // run-service gave up on the call (its run was cancelled): nothing to answer.
        } finally {
            exchange.close();
        }
    }
}
