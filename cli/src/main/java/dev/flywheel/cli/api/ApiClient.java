package dev.flywheel.cli.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * The gateway's JSON API over java.net.http: bearer key, JSON in and out, problem+json turned into
 * {@link ApiError}, a refused or timed-out connection into {@link Unreachable}. A 429 is retried after its
 * Retry-After (a few times), since the per-key rate limit is the gateway telling us to slow down.
 */
public class ApiClient {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final int RATE_LIMIT_RETRIES = 5;

    private final URI base;
    private final String apiKey;
    private final HttpClient http;

    public ApiClient(URI base, String apiKey) {
        this.base = base;
        this.apiKey = apiKey;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public URI base() {
        return base;
    }

    public JsonNode get(String path) {
        return send(request(path).GET().build(), "GET " + path);
    }

    public JsonNode post(String path, Object body) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(write(body));
        return send(request(path).header("Content-Type", "application/json").POST(publisher).build(), "POST " + path);
    }

    /**
     * Asks for a server-sent event stream. When the answer is one (200, {@code text/event-stream}) its lines go to
     * {@code lines} as they arrive and the future completes with a null body when the stream ends; any other answer
     * completes it with its body as text. No request timeout: a stream stays open as long as the server has news,
     * so the caller tells a dead connection from a quiet one by the server's heartbeats.
     */
    public CompletableFuture<HttpResponse<String>> events(String path, String lastEventId,
            Flow.Subscriber<String> lines) {
        HttpRequest.Builder builder = authorized(HttpRequest.newBuilder(URI.create(base + path)))
                .header("Accept", "text/event-stream").header("Cache-Control", "no-cache");
        if (lastEventId != null) {
            builder.header("Last-Event-ID", lastEventId);
        }
        return http.sendAsync(builder.GET().build(), info -> info.statusCode() == 200 && isEventStream(info)
                ? HttpResponse.BodySubscribers.fromLineSubscriber(lines, subscriber -> null, StandardCharsets.UTF_8, null)
                : HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8));
    }

    private static boolean isEventStream(HttpResponse.ResponseInfo info) {
        return info.headers().firstValue("Content-Type").map(type -> type.toLowerCase(Locale.ROOT).trim())
                .filter(type -> type.startsWith("text/event-stream")).isPresent();
    }

    private HttpRequest.Builder request(String path) {
        return authorized(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                .header("Accept", "application/json"));
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder builder) {
        builder.header("User-Agent", "flywheel-cli");
        if (apiKey != null && !apiKey.isBlank()) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        return builder;
    }

    private JsonNode send(HttpRequest request, String call) {
        for (int attempt = 0;; attempt++) {
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new Unreachable(base.toString(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unreachable(base.toString(), e);
            }
            if (response.statusCode() == 429 && attempt < RATE_LIMIT_RETRIES) {
                pause(retryAfter(response));
                continue;
            }
            JsonNode body = read(response.body());
            if (response.statusCode() >= 400) {
                throw new ApiError(call, response.statusCode(), body);
            }
            return body;
        }
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue("Retry-After");
        try {
            return Duration.ofSeconds(Math.min(30, Math.max(1, Long.parseLong(header.orElse("1").trim()))));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JsonNode read(String body) {
        if (body == null || body.isBlank()) {
            return NullNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("request body is not serialisable", e);
        }
    }
}
