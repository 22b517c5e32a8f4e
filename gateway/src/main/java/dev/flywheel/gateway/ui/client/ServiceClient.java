package dev.flywheel.gateway.ui.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.common.requestid.RequestIds;
import dev.flywheel.gateway.GatewayConfig;
import dev.flywheel.gateway.auth.ApiKeyGuard;
import dev.flywheel.gateway.routing.RouteTable;
import dev.flywheel.gateway.routing.Replica;
import dev.flywheel.gateway.routing.Upstream;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * The UI's server-side calls to the services: the owning service comes from the same {@link RouteTable} the proxy
 * uses, the request id of the page request goes along, and every call is bounded by
 * {@code gateway.ui.service-timeout}.
 */
@Singleton
public class ServiceClient {

    private static final Logger LOG = Logger.getLogger(ServiceClient.class);

    private final WebClient client;
    private final RouteTable routes;
    private final Duration timeout;
    private final ObjectMapper mapper;
    private final CurrentVertxRequest current;

    public ServiceClient(Vertx vertx, RouteTable routes, GatewayConfig config, ObjectMapper mapper,
            CurrentVertxRequest current) {
        this.client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true)
                .setConnectTimeout((int) config.client().connectTimeout().toMillis()));
        this.routes = routes;
        this.timeout = config.ui().serviceTimeout();
        this.mapper = mapper;
        this.current = current;
    }

    public Uni<ServiceAnswer> get(String pathAndQuery) {
        return call(HttpMethod.GET, pathAndQuery, null);
    }

    public Uni<ServiceAnswer> post(String path, Object body) {
        return call(HttpMethod.POST, path, body);
    }

    public Uni<ServiceAnswer> patch(String path, Object body) {
        return call(HttpMethod.PATCH, path, body);
    }

    public Uni<ServiceAnswer> delete(String path) {
        return call(HttpMethod.DELETE, path, null);
    }

    private Uni<ServiceAnswer> call(HttpMethod method, String pathAndQuery, Object body) {
        int query = pathAndQuery.indexOf('?');
        String path = query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
        Upstream upstream = routes.route(path).orElseThrow(() -> new IllegalArgumentException("no service owns " + path));
        Replica replica = upstream.next();
        HttpRequest<Buffer> request = client.request(method, replica.port(), replica.host(), pathAndQuery)
                .ssl(replica.ssl())
                .timeout(timeout.toMillis())
                .putHeader("Accept", "application/json");
        String requestId = requestId();
        if (requestId != null) {
            request.putHeader(RequestIds.HEADER, requestId);
        }
        String keyHash = current.getCurrent() == null ? null : current.getCurrent().get(ApiKeyGuard.KEY_HASH);
        if (keyHash != null) {
            request.putHeader(ApiKeyGuard.ACTOR, ApiKeyGuard.actor(keyHash));
        }
        Uni<HttpResponse<Buffer>> sent = body == null ? request.send()
                : request.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(json(body)));
        return sent
                .map(response -> new ServiceAnswer(upstream.name(), response.statusCode(), parse(response)))
                .onFailure().transform(failure -> {
                    LOG.warnf("%s %s via %s failed: %s", method, pathAndQuery, upstream.name(), failure.getMessage());
                    return new ServiceFailure(upstream.name(), 502,
                            "unreachable or did not answer in time");
                });
    }

    private String requestId() {
        return current.getCurrent() == null ? null : current.getCurrent().request().getHeader(RequestIds.HEADER);
    }

    private String json(Object body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalArgumentException("a UI request body is not JSON", e);
        }
    }

    private JsonNode parse(HttpResponse<Buffer> response) {
        Buffer body = response.body();
        if (body == null || body.length() == 0) {
            return null;
        }
        try {
            return mapper.readTree(body.toString());
        } catch (Exception e) {
            return null;
        }
    }
}
