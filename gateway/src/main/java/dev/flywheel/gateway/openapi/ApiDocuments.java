package dev.flywheel.gateway.openapi;

import dev.flywheel.gateway.GatewayConfig;
import dev.flywheel.gateway.routing.RouteTable;
import dev.flywheel.gateway.routing.Upstream;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Fetches every service's {@code /q/openapi} for each request of the merged document, keeping the last good one
 * of each: a service that is down is then served from it, marked (SPEC §10).
 */
@Singleton
public class ApiDocuments {

    private static final Logger LOG = Logger.getLogger(ApiDocuments.class);

    private final WebClient client;
    private final List<Upstream> upstreams;
    private final Duration timeout;
    private final Map<String, ApiDocumentMerge.Part> lastFetched = new ConcurrentHashMap<>();

    public ApiDocuments(Vertx vertx, RouteTable routes, GatewayConfig config) {
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) config.client().connectTimeout().toMillis()));
        this.upstreams = routes.upstreams();
        this.timeout = config.client().connectTimeout().multipliedBy(2);
    }

    /** The merged document of the whole API, from live documents where the services answer. */
    public Uni<JsonObject> merged() {
        List<Uni<Map.Entry<String, ApiDocumentMerge.Part>>> fetches = upstreams.stream().map(this::fetch).toList();
        return Uni.join().all(fetches).andFailFast().map(entries -> {
            Map<String, ApiDocumentMerge.Part> parts = new LinkedHashMap<>();
            entries.forEach(entry -> parts.put(entry.getKey(), entry.getValue()));
            return ApiDocumentMerge.merge(parts);
        });
    }

    private Uni<Map.Entry<String, ApiDocumentMerge.Part>> fetch(Upstream upstream) {
        return client.getAbs(upstream.next().baseUrl() + "/q/openapi").addQueryParam("format", "json")
                .putHeader("Accept", "application/json")
                .timeout(timeout.toMillis()).send()
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("answered " + response.statusCode());
                    }
                    ApiDocumentMerge.Part live = new ApiDocumentMerge.Part(response.bodyAsJsonObject(),
                            ApiDocumentMerge.Freshness.LIVE, Instant.now().toString());
                    lastFetched.put(upstream.name(), live);
                    return Map.entry(upstream.name(), live);
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("OpenAPI document of %s not fetched: %s", upstream.name(), failure.getMessage());
                    ApiDocumentMerge.Part last = lastFetched.get(upstream.name());
                    ApiDocumentMerge.Part part = last == null
                            ? new ApiDocumentMerge.Part(null, ApiDocumentMerge.Freshness.UNAVAILABLE, null)
                            : new ApiDocumentMerge.Part(last.document(), ApiDocumentMerge.Freshness.CACHED,
                                    last.fetchedAt());
                    return Map.entry(upstream.name(), part);
                });
    }
}
