package dev.flywheel.run.adapter;

import dev.flywheel.run.RunServiceConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import jakarta.enterprise.context.ApplicationScoped;

/** Anthropic's Messages API. */
@ApplicationScoped
public class AnthropicAdapter implements ModelAdapter {

    private final ProviderClients clients;
    private final RunServiceConfig.Anthropic config;

    public AnthropicAdapter(ProviderClients clients, RunServiceConfig config) {
        this.clients = clients;
        this.config = config.providers().anthropic();
    }

    @Override
    public String provider() {
        return "anthropic";
    }

    @Override
    public Uni<Completion> complete(CompletionRequest request) {
        JsonObject body = new JsonObject(request.params()).copy()
                .put("model", request.model())
                .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", request.prompt())));
        if (!body.containsKey("max_tokens")) {
            // The Messages API refuses a request without max_tokens.
            body.put("max_tokens", config.defaultMaxTokens());
        }
        if (request.systemPrompt() != null && !request.systemPrompt().isEmpty()) {
            body.put("system", request.systemPrompt());
        }
        HttpRequest<Buffer> http = clients.client().postAbs(OpenAiAdapter.trimSlash(config.baseUrl()) + "/v1/messages")
                .timeout(request.timeout().toMillis())
                .putHeader("anthropic-version", config.version());
        config.apiKey().filter(key -> !key.isBlank()).ifPresent(key -> http.putHeader("x-api-key", key));
        long started = System.nanoTime();
        return HttpCompletionCall.send(provider(), http, body, config.apiKey())
                .map(json -> toCompletion(json, request, started));
    }

    private Completion toCompletion(JsonObject json, CompletionRequest request, long started) {
        JsonArray content = json.getJsonArray("content");
        if (content == null) {
            throw ProviderFailure.malformed(provider(), "no content");
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < content.size(); i++) {
            JsonObject block = content.getJsonObject(i);
            if ("text".equals(block.getString("type"))) {
                text.append(block.getString("text", ""));
            }
        }
        JsonObject usage = json.getJsonObject("usage", new JsonObject());
        return new Completion(text.toString(), usage.getInteger("input_tokens", 0), usage.getInteger("output_tokens", 0),
                (System.nanoTime() - started) / 1_000_000, "anthropic:" + json.getString("model", request.model()));
    }
}
