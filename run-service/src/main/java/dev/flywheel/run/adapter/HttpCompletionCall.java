package dev.flywheel.run.adapter;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

/**
 * Sends one JSON request to a provider and turns every way it can go wrong into a {@link ProviderFailure}:
 * a non-2xx status (with its Retry-After), a timeout, an unreachable host, a body that is not JSON.
 */
final class HttpCompletionCall {

    private HttpCompletionCall() {
    }

    static Uni<JsonObject> send(String provider, HttpRequest<Buffer> request, JsonObject body) {
        return request.sendJsonObject(body)
                .onFailure().transform(failure -> failure instanceof TimeoutException
                        || failure instanceof io.netty.handler.timeout.TimeoutException
                        || String.valueOf(failure.getMessage()).contains("timeout period")
                                ? new ProviderFailure(provider + " did not answer in time", true, null, failure)
                                : ProviderFailure.unreachable(provider, failure))
                .map(response -> parse(provider, response));
    }

    private static JsonObject parse(String provider, HttpResponse<Buffer> response) {
        if (response.statusCode() / 100 != 2) {
            throw ProviderFailure.status(provider, response.statusCode(), response.bodyAsString(),
                    RetryAfter.parse(response.getHeader("Retry-After"), Instant.now()));
        }
        try {
            return response.bodyAsJsonObject();
        } catch (RuntimeException e) {
            throw ProviderFailure.malformed(provider, "the body is not a JSON object");
        }
    }
}
