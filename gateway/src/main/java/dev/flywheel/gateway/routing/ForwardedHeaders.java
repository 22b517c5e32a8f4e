package dev.flywheel.gateway.routing;

import dev.flywheel.common.forwarded.ClientAddress;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;

/**
 * Tells the services the address the client called (SPEC §10), so that their {@code Location} headers and links
 * point at the gateway: {@code X-Forwarded-Proto/Host/Prefix/For} and {@code Forwarded} are set from what the
 * gateway itself saw, overwriting anything the client sent. A client's own forwarded headers count only when it is a
 * configured trusted proxy ({@code quarkus.http.proxy.*}, off by default): Quarkus has then already resolved scheme
 * and host from them, and its prefix and client chain are kept.
 */
@Singleton
public class ForwardedHeaders {

    static final String PROTO = "X-Forwarded-Proto";
    static final String HOST = "X-Forwarded-Host";
    static final String FOR = "X-Forwarded-For";
    static final String PORT = "X-Forwarded-Port";
    static final String SERVER = "X-Forwarded-Server";
    static final String FORWARDED = "Forwarded";

    private final ClientAddress address;

    public ForwardedHeaders(ClientAddress address) {
        this.address = address;
    }

    public void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        MultiMap headers = request.headers();
        boolean trusted = address.fromTrustedProxy(request);
        String scheme = address.scheme(request);
        String host = address.host(request);
        String prefix = address.prefix(request);
        String peer = address(request.connection() == null ? null : request.connection().remoteAddress());
        String chain = trusted && headers.get(FOR) != null ? headers.get(FOR) + ", " + peer : peer;

        headers.remove(PORT).remove(SERVER);
        headers.set(PROTO, scheme).set(HOST, host).set(FOR, chain);
        if (prefix.isEmpty()) {
            headers.remove(ClientAddress.PREFIX_HEADER);
        } else {
            headers.set(ClientAddress.PREFIX_HEADER, prefix);
        }
        // No "for" here: X-Forwarded-For carries the chain, and Quarkus' strict forwarded control refuses a request
        // whose two headers disagree, which two spellings of one IPv6 address would.
        headers.set(FORWARDED, "host=" + quoted(host) + ";proto=" + scheme);
        rc.next();
    }

    private static String address(SocketAddress socket) {
        return socket == null || socket.hostAddress() == null ? "unknown" : socket.hostAddress();
    }

    /** RFC 7239 §4: a host with a port (or an IPv6 literal) is quoted. */
    private static String quoted(String value) {
        return value.indexOf(':') < 0 ? value : "\"" + value + "\"";
    }
}
