package dev.flywheel.gateway.routing;

import dev.flywheel.common.forwarded.ClientAddress;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.inject.Singleton;

/**
 * Tells the services the address the client called (SPEC §10), so that their {@code Location} headers and links
 * point at the gateway: {@code X-Forwarded-Proto/Host/Prefix/For} and {@code Forwarded} are set from what the
 * gateway itself saw, in place of anything the client sent. A client's own forwarded headers count only when it is a
 * configured trusted proxy ({@code quarkus.http.proxy.*}, off by default): Quarkus has then already resolved scheme
 * and host from them, and its prefix and client chain are kept.
 * <p>
 * The headers are written straight onto the request to the service while the proxy copies the client's headers
 * ({@link #written} says which of those to leave out), not set on the client's request first and copied after.
 */
@Singleton
public class ForwardedHeaders {

    // Netty ASCII strings: their hash, which every header map operation needs, is computed once, not per request.
    static final CharSequence PROTO = HttpHeaders.createOptimized("X-Forwarded-Proto");
    static final CharSequence HOST = HttpHeaders.createOptimized("X-Forwarded-Host");
    static final CharSequence FOR = HttpHeaders.createOptimized("X-Forwarded-For");
    static final CharSequence PREFIX = HttpHeaders.createOptimized(ClientAddress.PREFIX_HEADER);
    static final CharSequence FORWARDED = HttpHeaders.createOptimized("Forwarded");

    private final ClientAddress address;

    public ForwardedHeaders(ClientAddress address) {
        this.address = address;
    }

    /**
     * Whether a client's header of this name stays out of the request to the service: the forwarded headers this
     * class writes, and {@code X-Forwarded-Port}/{@code -Server}, which would contradict them.
     */
    static boolean written(String name) {
        return switch (name.length()) {
            case 9 -> name.equalsIgnoreCase("forwarded");
            case 15 -> name.equalsIgnoreCase("x-forwarded-for");
            case 16 -> name.equalsIgnoreCase("x-forwarded-host") || name.equalsIgnoreCase("x-forwarded-port");
            case 17 -> name.equalsIgnoreCase("x-forwarded-proto");
            case 18 -> name.equalsIgnoreCase("x-forwarded-prefix") || name.equalsIgnoreCase("x-forwarded-server");
            default -> false;
        };
    }

    /** Adds the forwarded headers of {@code request} to {@code toService}, the headers of the request passed on. */
    void writeTo(HttpServerRequest request, MultiMap toService) {
        boolean trusted = address.fromTrustedProxy(request);
        String scheme = address.scheme(request);
        String host = address.host(request);
        String peer = address(request.connection() == null ? null : request.connection().remoteAddress());
        String callerChain = trusted ? request.getHeader(FOR) : null;
        toService.add(PROTO, scheme).add(HOST, host).add(FOR, callerChain == null ? peer : callerChain + ", " + peer);
        String prefix = trusted ? address.prefix(request) : "";
        if (!prefix.isEmpty()) {
            toService.add(PREFIX, prefix);
        }
        // No "for" here: X-Forwarded-For carries the chain, and Quarkus' strict forwarded control refuses a request
        // whose two headers disagree, which two spellings of one IPv6 address would.
        toService.add(FORWARDED, "host=" + quoted(host) + ";proto=" + scheme);
    }

    private static String address(SocketAddress socket) {
        return socket == null || socket.hostAddress() == null ? "unknown" : socket.hostAddress();
    }

    /** RFC 7239 §4: a host with a port (or an IPv6 literal) is quoted. */
    private static String quoted(String value) {
        return value.indexOf(':') < 0 ? value : "\"" + value + "\"";
    }
}
