package dev.flywheel.gateway.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.gateway.GatewayConfig;
import dev.flywheel.gateway.routing.Replica;
import dev.flywheel.gateway.routing.RouteTable;
import dev.flywheel.gateway.routing.Upstream;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Asks every service for its readiness, and the self-test service for its capability status, all at once. */
@Singleton
public class StatusProbe {

    private final WebClient client;
    private final RouteTable routes;
    private final Duration timeout;
    private final ObjectMapper mapper;

    public StatusProbe(Vertx vertx, RouteTable routes, GatewayConfig config, ObjectMapper mapper) {
        this.client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true)
                .setConnectTimeout((int) config.client().connectTimeout().toMillis()));
        this.routes = routes;
        this.timeout = config.client().statusTimeout();
        this.mapper = mapper;
    }

    public Uni<SuiteStatus> check() {
        List<Uni<ServiceStatus>> probes = routes.upstreams().stream().map(this::readiness).toList();
        Uni<List<ServiceStatus>> services = Uni.join().all(probes).andCollectFailures();
        return Uni.combine().all().unis(services, capabilities()).asTuple().map(results -> {
            List<ServiceStatus> list = results.getItem1();
            boolean allUp = list.stream().allMatch(s -> "UP".equals(s.status()));
            return new SuiteStatus(allUp ? "UP" : "DEGRADED", Instant.now(), list, results.getItem2());
        });
    }

    private Uni<ServiceStatus> readiness(Upstream upstream) {
        return get(upstream.next(), "/q/health/ready")
                .map(response -> new ServiceStatus(upstream.name(), response.statusCode() == 200 ? "UP" : "DOWN",
                        response.statusCode(), checks(response), null))
                .onFailure().recoverWithItem(failure -> new ServiceStatus(upstream.name(), "UNREACHABLE", null, null,
                        String.valueOf(failure.getMessage())));
    }

    private Uni<String> capabilities() {
        return get(routes.named("selftest-service").next(), "/health/loop-qa")
                .map(response -> {
                    JsonObject body = response.statusCode() == 200 ? response.bodyAsJsonObject() : null;
                    return body == null ? "unknown" : body.getString("overall_status", "unknown");
                })
                .onFailure().recoverWithItem("unknown");
    }

    private Uni<HttpResponse<io.vertx.mutiny.core.buffer.Buffer>> get(Replica replica, String path) {
        return client.get(replica.port(), replica.host(), path)
                .ssl(replica.ssl())
                .timeout(timeout.toMillis())
                .send();
    }

    private JsonNode checks(HttpResponse<io.vertx.mutiny.core.buffer.Buffer> response) {
        try {
            return mapper.readTree(response.bodyAsString()).get("checks");
        } catch (Exception e) {
            return null;
        }
    }
}
