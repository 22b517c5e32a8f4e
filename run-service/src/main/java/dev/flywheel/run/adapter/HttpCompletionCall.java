package dev.flywheel.run.adapter;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Sends one JSON request to a provider and turns every way it can go wrong into a {@link ProviderFailure}:
 * a non-2xx status (with its Retry-After), a timeout, an unreachable host, a body that is not JSON. Providers
 * quote a refused key back in their error bodies, so the key is cut out of any body that becomes an error: errors
 * are stored with the run, returned by the API and logged.
 */
final class HttpCompletionCall {

    private HttpCompletionCall() {
    }

    static final String REDACTED = "[redacted]";

    static Uni<JsonObject> send(String provider, HttpRequest<Buffer> request, JsonObject body, Optional<String> apiKey) {
        return request.sendJsonObject(body)
                .onFailure().transform(failure -> failure instanceof TimeoutException
                        || failure instanceof io.netty.handler.timeout.TimeoutException
                        || String.valueOf(failure.getMessage()).contains("timeout period")
                                ? new ProviderFailure(provider + " did not answer in time", true, null, failure)
                                : ProviderFailure.unreachable(provider, failure))
                .map(response -> parse(provider, response, apiKey));
    }

    private static JsonObject parse(String provider, HttpResponse<Buffer> response, Optional<String> apiKey) {
        if (response.statusCode() / 100 != 2) {
            throw ProviderFailure.status(provider, response.statusCode(), redact(response.bodyAsString(), apiKey),
                    RetryAfter.parse(response.getHeader("Retry-After"), Instant.now()));
        }
        try {
            return response.bodyAsJsonObject();
        } catch (RuntimeException e) {
            throw ProviderFailure.malformed(provider, "the body is not a JSON object");
        }
    }

    static String redact(String text, Optional<String> apiKey) {
        return text == null ? null
                : apiKey.filter(key -> !key.isBlank()).map(key -> text.replace(key, REDACTED)).orElse(text);
    }
}
