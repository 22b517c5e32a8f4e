package dev.flywheel.run.adapter;

import dev.flywheel.run.RunServiceConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import jakarta.enterprise.context.ApplicationScoped;

/** Any OpenAI-compatible chat-completions server: OpenAI, vLLM, Ollama, LM Studio, llama.cpp. */
@ApplicationScoped
public class OpenAiAdapter implements ModelAdapter {

    private final ProviderClients clients;
    private final RunServiceConfig.OpenAi config;

    public OpenAiAdapter(ProviderClients clients, RunServiceConfig config) {
        this.clients = clients;
        this.config = config.providers().openai();
    }

    @Override
    public String provider() {
        return "openai";
    }

    @Override
    public Uni<Completion> complete(CompletionRequest request) {
        JsonArray messages = new JsonArray();
        if (request.systemPrompt() != null && !request.systemPrompt().isEmpty()) {
            messages.add(new JsonObject().put("role", "system").put("content", request.systemPrompt()));
        }
        messages.add(new JsonObject().put("role", "user").put("content", request.prompt()));
        JsonObject body = new JsonObject(request.params()).copy().put("model", request.model()).put("messages", messages);

        HttpRequest<Buffer> http = clients.client().postAbs(trimSlash(config.baseUrl()) + "/chat/completions")
                .timeout(request.timeout().toMillis());
        config.apiKey().filter(key -> !key.isBlank()).ifPresent(key -> http.bearerTokenAuthentication(key));
        long started = System.nanoTime();
        return HttpCompletionCall.send(provider(), http, body, config.apiKey())
                .map(json -> toCompletion(json, request, started));
    }

    private Completion toCompletion(JsonObject json, CompletionRequest request, long started) {
        JsonArray choices = json.getJsonArray("choices");
        if (choices == null || choices.isEmpty() || choices.getJsonObject(0).getJsonObject("message") == null) {
            throw ProviderFailure.malformed(provider(), "no choices[0].message");
        }
        String text = choices.getJsonObject(0).getJsonObject("message").getString("content", "");
        JsonObject usage = json.getJsonObject("usage", new JsonObject());
        return new Completion(text, usage.getInteger("prompt_tokens", 0), usage.getInteger("completion_tokens", 0),
                (System.nanoTime() - started) / 1_000_000, "openai:" + json.getString("model", request.model()));
    }

    static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
