package dev.flywheel.common.hygiene;

import dev.flywheel.common.problem.Problem;
import dev.flywheel.common.problem.ProblemWriter;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.RoutingContext;

/**
 * HTTP/1.1 hygiene at every edge (SPEC §10): a request whose framing or target is ambiguous is refused with 400
 * and its connection closed, so nothing after it on the connection can be read as a request of its own
 * (RFC 9112 §6.3: Content-Length with Transfer-Encoding; RFC 9112 §3.2: exactly one Host).
 *
 * <p>Netty settles Content-Length plus Transfer-Encoding before any route runs: by default it drops the length and
 * reads the body as chunked. With {@value #RFC9112_FRAMING} set it refuses the request instead, and Vert.x answers
 * 400 and closes; {@link EdgeChecks} sets the property when the router is built, before the first connection loads
 * the decoder, and the JVM flags of every launch set it too. {@link #refused} still refuses both
 * headers, for a decoder that let them through.
 *
 * <p>Two Host headers are seen here only from a peer that is no trusted proxy: for a trusted one (the gateway, in
 * front of a service) Quarkus' forwarded-header handling has already set Host from the forwarded address. The
 * gateway, the edge, trusts no client by default, so every client's request is checked there.
 */
public final class HttpHygiene {

    /** Netty's switch for RFC 9112 §6.1: a message with Transfer-Encoding must not carry Content-Length. */
    public static final String RFC9112_FRAMING = "io.netty.handler.codec.http.rfc9112TransferEncoding";

    private HttpHygiene() {
    }

    /** Whether the request's framing or target is ambiguous and it has been answered 400 ({@link EdgeChecks}). */
    static boolean refused(RoutingContext rc) {
        var headers = rc.request().headers();
        if (headers.contains(HttpHeaders.CONTENT_LENGTH) && headers.contains(HttpHeaders.TRANSFER_ENCODING)) {
            refuse(rc, "A request must not carry both Content-Length and Transfer-Encoding");
            return true;
        }
        if (headers.getAll(HttpHeaders.HOST).size() > 1
                || rc.request() instanceof HttpServerRequestInternal internal && !internal.isValidAuthority()) {
            refuse(rc, "A request must carry exactly one Host header");
            return true;
        }
        return false;
    }

    private static void refuse(RoutingContext rc, String detail) {
        Problem problem = Problem.of(400, "Bad Request", detail, rc.request().path());
        rc.response().putHeader("Connection", "close").endHandler(ignored -> rc.request().connection().close());
        ProblemWriter.send(rc.response(), problem);
    }
}
