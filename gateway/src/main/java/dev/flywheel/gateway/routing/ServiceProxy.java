package dev.flywheel.gateway.routing;

import dev.flywheel.common.problem.Problem;
import dev.flywheel.common.problem.ProblemWriter;
import dev.flywheel.common.requestid.RequestIds;
import dev.flywheel.gateway.GatewayConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.smallrye.common.vertx.ContextLocals;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Streams requests to the owning service over a Vert.x {@link HttpClient}, one keep-alive connection pool per
 * service and event loop, round-robin over its ready replicas: the request's headers are copied once (hop-by-hop
 * ones left out, the forwarded headers written in place of the client's, {@link ForwardedHeaders}), its body piped to the service and the service's answer piped back, so bodies (SSE included) flow
 * through unbuffered. A request and its connection to the service are served by the same event loop: with one pool
 * shared by all loops, a connection opened on one would be lent to requests on the others and every exchange on it
 * would cross threads twice (task queue, selector wake-up). A service that cannot be reached is answered with a 502 problem naming it, one that stops sending for
 * the idle timeout with a 504.
 * <p>
 * This is what vertx-http-proxy did for the gateway (SPEC §1 names it), without the per-request work the gateway
 * never needed: a second copy of each header map, cache-control and date parsing for a cache it does not keep, and
 * the re-formatting of every response's {@code Date} (README, Deviations).
 */
@Singleton
public class ServiceProxy {

    private static final Logger LOG = Logger.getLogger(ServiceProxy.class);

    /** The request-context key Quarkus' HTTP metrics read the templated path from. */
    private static final String URL_TEMPLATE = "UrlPathTemplate";

    private final RouteTable routes;
    /** Each service's client on the calling event loop, made the first time that loop proxies to it. */
    private final Map<Upstream, ThreadLocal<HttpClient>> clients = new IdentityHashMap<>();
    /** Where each replica is reached: built once, read (never changed) by every request sent there. */
    private final Map<Replica, RequestOptions> targets = new IdentityHashMap<>();
    private final long backOffNanos;
    private final ForwardedHeaders forwarded;

    public ServiceProxy(Vertx vertx, RouteTable routes, ForwardedHeaders forwarded, GatewayConfig config) {
        this.routes = routes;
        this.forwarded = forwarded;
        GatewayConfig.Client settings = config.client();
        this.backOffNanos = settings.replicaBackOff().toNanos();
        for (Upstream upstream : routes.upstreams()) {
            HttpClientOptions options = new HttpClientOptions()
                    .setKeepAlive(true)
                    .setTcpNoDelay(true)
                    .setConnectTimeout((int) settings.connectTimeout().toMillis());
            PoolOptions pool = new PoolOptions().setHttp1MaxSize(settings.maxPoolSize());
            clients.put(upstream, ThreadLocal.withInitial(() -> vertx.createHttpClient(options, pool)));
            for (Replica replica : upstream.replicas()) {
                targets.put(replica, new RequestOptions()
                        // The address made once: with only host and port, Vert.x makes it anew for every request.
                        .setServer(SocketAddress.inetSocketAddress(replica.port(), replica.host()))
                        .setHost(replica.host())
                        .setPort(replica.port())
                        .setSsl(replica.ssl())
                        .setIdleTimeout(settings.idleTimeout().toMillis()));
            }
        }
    }

    /** The service route that owns a path, {@code null} when none does (the gateway's own resources, or a 404). */
    RouteTable.Route routeOf(String path) {
        return routes.routeOf(path);
    }

    /** Streams the request to the service that owns it ({@code route}) and the service's answer back. */
    void proxy(HttpServerRequest request, RouteTable.Route route) {
        ContextLocals.put(URL_TEMPLATE, route.metricsPath());
        String contentLength = request.getHeader(HttpHeaderNames.CONTENT_LENGTH);
        boolean chunked = request.headers().contains(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED, true);
        boolean hasBody = chunked || contentLength != null && !"0".equals(contentLength);
        if (hasBody) {
            // The body waits in the socket until the service's connection is there to take it.
            request.pause();
        }
        Upstream upstream = route.upstream();
        connect(clients.get(upstream).get(), upstream, upstream.replicas().size(), opened -> {
            if (opened.failed()) {
                if (hasBody) {
                    request.resume();
                }
                fail(request, upstream, opened.cause());
                return;
            }
            forward(request, opened.result(), upstream, hasBody, chunked);
        });
    }

    /**
     * Opens the request on the replica whose turn it is. A replica that cannot be connected to is skipped for a
     * while and the next one tried at once: nothing of the request has been sent yet, so this is safe even for
     * a POST. A callback rather than a composed future: one future less per request.
     */
    private void connect(HttpClient http, Upstream upstream, int attemptsLeft,
            Handler<AsyncResult<HttpClientRequest>> opened) {
        Replica replica = upstream.next();
        http.request(targets.get(replica)).onComplete(result -> {
            if (result.succeeded()) {
                opened.handle(result);
                return;
            }
            replica.connectionFailed(System.nanoTime(), backOffNanos);
            if (attemptsLeft <= 1) {
                opened.handle(result);
                return;
            }
            LOG.infof("%s replica %s is unreachable (%s), trying another", upstream.name(), replica,
                    result.cause().getMessage());
            connect(http, upstream, attemptsLeft - 1, opened);
        });
    }

    private void forward(HttpServerRequest request, HttpClientRequest toService, Upstream upstream,
            boolean hasBody, boolean chunked) {
        toService.setMethod(request.method()).setURI(request.uri());
        // The services build their links from the address the client called: the Host goes on as it came.
        if (request.authority() != null) {
            toService.authority(request.authority());
        }
        MultiMap headers = toService.headers();
        for (Map.Entry<String, String> header : request.headers()) {
            String name = header.getKey();
            if (!HopByHop.is(name) && !name.equalsIgnoreCase("host") && !ForwardedHeaders.written(name)) {
                headers.add(name, header.getValue());
            }
        }
        forwarded.writeTo(request, headers);
        // A failure reaches the response's future or the relay; without a handler Vert.x would also log each reset.
        toService.exceptionHandler(ignored -> { });
        toService.response().onComplete(answered -> {
            if (answered.failed()) {
                fail(request, upstream, answered.cause());
                return;
            }
            respond(request, toService, answered.result());
        });
        if (!hasBody) {
            toService.end();
            return;
        }
        toService.setChunked(chunked);
        request.pipe().endOnFailure(false).to(toService).onFailure(ignored -> toService.reset());
    }

    /** Sends the service's answer on: its status, its end-to-end headers, and its body as it arrives. */
    private static void respond(HttpServerRequest request, HttpClientRequest toService, HttpClientResponse answer) {
        HttpServerResponse response = request.response();
        response.setStatusCode(answer.statusCode());
        if (answer.statusMessage() != null) {
            response.setStatusMessage(answer.statusMessage());
        }
        MultiMap headers = response.headers();
        boolean dated = false;
        boolean sized = false;
        for (Map.Entry<String, String> header : answer.headers()) {
            String name = header.getKey();
            // The gateway already answers with the request's id (SPEC §10: one X-Request-Id per response).
            if (HopByHop.is(name) || name.equalsIgnoreCase(RequestIds.HEADER)) {
                continue;
            }
            dated |= name.equalsIgnoreCase("date");
            sized |= name.equalsIgnoreCase("content-length");
            headers.add(name, header.getValue());
        }
        if (!dated) {
            // RFC 9110 §6.6.1: a recipient with a clock forwarding a response without Date adds one.
            headers.add(HttpHeaderNames.DATE, HttpDate.now());
        }
        if (!sized && bodyAllowed(request.method(), answer.statusCode())) {
            if (request.version() == HttpVersion.HTTP_1_0) {
                // HTTP/1.0 has no chunked encoding: an answer of unknown length is collected and sent with its length.
                answer.body().onSuccess(response::end).onFailure(failure -> response.reset());
                return;
            }
            response.setChunked(true);
        }
        relay(answer, response, toService);
    }

    /**
     * Writes the answer's body on as it arrives, holding the service back while the client is slower. This is
     * {@code answer.pipeTo(response)} without its pause and resume, each of which would queue a task on the event
     * loop: the handlers are in place before the first byte of the body, which arrives after the head.
     */
    private static void relay(HttpClientResponse answer, HttpServerResponse response, HttpClientRequest toService) {
        answer.handler(chunk -> {
            response.write(chunk);
            if (response.writeQueueFull()) {
                answer.pause();
                response.drainHandler(drained -> answer.resume());
            }
        });
        answer.endHandler(ended -> response.end());
        answer.exceptionHandler(failure -> {
            toService.reset();
            response.reset();
        });
        response.exceptionHandler(failure -> toService.reset());
    }

    private static boolean bodyAllowed(HttpMethod method, int status) {
        return method != HttpMethod.HEAD && status >= 200 && status != 204 && status != 304;
    }

    private static void fail(HttpServerRequest request, Upstream upstream, Throwable failure) {
        boolean timedOut = failure instanceof TimeoutException
                || String.valueOf(failure.getMessage()).toLowerCase().contains("timeout");
        LOG.warnf("%s %s via %s failed: %s", request.method(), request.uri(), upstream.name(), failure.getMessage());
        HttpServerResponse response = request.response();
        if (response.headWritten()) {
            // Part of the service's answer is on its way: the client can only be told by the connection closing.
            response.reset();
            return;
        }
        int status = timedOut ? 504 : 502;
        String detail = upstream.name() + (timedOut ? " did not answer in time" : " is unreachable");
        ProblemWriter.send(response.setStatusMessage(timedOut ? "Gateway Timeout" : "Bad Gateway"),
                Problem.of(status, timedOut ? "Gateway Timeout" : "Bad Gateway", detail, request.uri()));
    }

    /** RFC 9110 §7.6.1: headers that describe one connection and are never passed on. */
    private static final class HopByHop {

        static boolean is(String name) {
            return switch (name.length()) {
                case 2 -> name.equalsIgnoreCase("te");
                case 7 -> name.equalsIgnoreCase("trailer") || name.equalsIgnoreCase("upgrade");
                case 10 -> name.equalsIgnoreCase("connection") || name.equalsIgnoreCase("keep-alive");
                case 17 -> name.equalsIgnoreCase("transfer-encoding");
                case 18 -> name.equalsIgnoreCase("proxy-authenticate");
                case 19 -> name.equalsIgnoreCase("proxy-authorization");
                default -> false;
            };
        }
    }

    /** The {@code Date} value of the current second, formatted once per second rather than once per response. */
    private static final class HttpDate {

        private record Stamp(long second, String text) {
        }

        private static volatile Stamp current = new Stamp(-1, "");

        static String now() {
            long second = System.currentTimeMillis() / 1000;
            Stamp stamp = current;
            if (stamp.second() != second) {
                stamp = new Stamp(second, DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        Instant.ofEpochSecond(second).atOffset(ZoneOffset.UTC)));
                current = stamp;
            }
            return stamp.text();
        }
    }
}
