package dev.flywheel.gateway.routing;

import dev.flywheel.gateway.GatewayConfig;
import dev.flywheel.common.problem.Problem;
import dev.flywheel.common.problem.ProblemWriter;
import io.smallrye.common.vertx.ContextLocals;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Streams requests to the owning service through the Vert.x HTTP proxy, one keep-alive connection pool per
 * service, round-robin over its ready replicas. Bodies (SSE included) flow through unbuffered; a service that cannot be reached is answered with
 * a 502 problem naming it, one that stops sending for the idle timeout with a 504.
 */
@Singleton
public class ServiceProxy {

    private static final Logger LOG = Logger.getLogger(ServiceProxy.class);

    /** The request-context key Quarkus' HTTP metrics read the templated path from. */
    private static final String URL_TEMPLATE = "UrlPathTemplate";

    private final RouteTable routes;
    private final Map<Upstream, HttpProxy> proxies = new HashMap<>();

    public ServiceProxy(Vertx vertx, RouteTable routes, GatewayConfig config) {
        this.routes = routes;
        GatewayConfig.Client settings = config.client();
        long idleMillis = settings.idleTimeout().toMillis();
        long backOffNanos = settings.replicaBackOff().toNanos();
        for (Upstream upstream : routes.upstreams()) {
            HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                    .setKeepAlive(true)
                    .setTcpNoDelay(true)
                    .setConnectTimeout((int) settings.connectTimeout().toMillis()),
                    new PoolOptions().setHttp1MaxSize(settings.maxPoolSize()));
            HttpProxy proxy = HttpProxy.reverseProxy(client)
                    .originRequestProvider((request, http) -> connect(http, upstream, idleMillis, backOffNanos,
                            upstream.replicas().size()))
                    .addInterceptor(new UnreachableAsProblem(upstream));
            proxies.put(upstream, proxy);
        }
    }

    /**
     * Opens the request on the replica whose turn it is. A replica that cannot be connected to is skipped for a
     * while and the next one tried at once: nothing of the request has been sent yet, so this is safe even for
     * a POST.
     */
    private static Future<HttpClientRequest> connect(HttpClient http, Upstream upstream, long idleMillis,
            long backOffNanos, int attemptsLeft) {
        Replica replica = upstream.next();
        return http.request(new RequestOptions()
                .setHost(replica.host())
                .setPort(replica.port())
                .setSsl(replica.ssl())
                .setIdleTimeout(idleMillis))
                .recover(failure -> {
                    replica.connectionFailed(System.nanoTime(), backOffNanos);
                    if (attemptsLeft <= 1) {
                        return Future.failedFuture(failure);
                    }
                    LOG.infof("%s replica %s is unreachable (%s), trying another", upstream.name(), replica,
                            failure.getMessage());
                    return connect(http, upstream, idleMillis, backOffNanos, attemptsLeft - 1);
                });
    }

    /** Proxies the request when a service owns its path; otherwise hands it on to the next route. */
    public void handle(RoutingContext rc) {
        routes.match(rc.request().path()).ifPresentOrElse(route -> {
            ContextLocals.put(URL_TEMPLATE, route.metricsPath());
            proxies.get(route.upstream()).handle(rc.request());
        }, rc::next);
    }

    private static final class UnreachableAsProblem implements ProxyInterceptor {

        private final Upstream upstream;

        UnreachableAsProblem(Upstream upstream) {
            this.upstream = upstream;
        }

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            return context.sendRequest().recover(failure -> {
                boolean timedOut = failure instanceof java.util.concurrent.TimeoutException
                        || String.valueOf(failure.getMessage()).toLowerCase().contains("timeout");
                int status = timedOut ? 504 : 502;
                LOG.warnf("%s %s via %s failed: %s", context.request().getMethod(), context.request().getURI(),
                        upstream.name(), failure.getMessage());
                String detail = upstream.name() + (timedOut ? " did not answer in time" : " is unreachable");
                Buffer body = ProblemWriter.body(Problem.of(status, timedOut ? "Gateway Timeout" : "Bad Gateway",
                        detail, context.request().getURI()));
                ProxyResponse response = context.request().response()
                        .setStatusCode(status)
                        .setStatusMessage(timedOut ? "Gateway Timeout" : "Bad Gateway")
                        .setBody(Body.body(body));
                response.headers().clear();
                response.putHeader("Content-Type", Problem.MEDIA_TYPE);
                return Future.succeededFuture(response);
            });
        }
    }
}
