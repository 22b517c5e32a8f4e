package dev.flywheel.common.forwarded;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * The address the client called (SPEC §10 "Through the gateway, links point at the gateway"): scheme and host as
 * Quarkus resolved them (from {@code Forwarded}/{@code X-Forwarded-*} only when the peer is a trusted proxy,
 * {@code quarkus.http.proxy.*}), plus {@code X-Forwarded-Prefix} from a trusted proxy. {@code Location} headers,
 * absolute links and the UI's secure-cookie decision are all made from it, never from the service's own address.
 */
@Singleton
public class ClientAddress {

    /** The header a proxy names the path it mounts the service under with. */
    public static final String PREFIX_HEADER = "X-Forwarded-Prefix";

    private static final Pattern SAFE_PREFIX = Pattern.compile("(/[A-Za-z0-9._~-]+)*/?");

    private final TrustedProxies trusted;
    private final CurrentVertxRequest current;

    @Inject
    public ClientAddress(Config config, CurrentVertxRequest current) {
        this(TrustedProxies.of(
                config.getOptionalValue("quarkus.http.proxy.proxy-address-forwarding", Boolean.class).orElse(false),
                config.getOptionalValues("quarkus.http.proxy.trusted-proxies", String.class)), current);
    }

    ClientAddress(TrustedProxies trusted, CurrentVertxRequest current) {
        this.trusted = trusted;
        this.current = current;
    }

    /** Whether the socket peer of this request is a trusted proxy, whose forwarded headers count. */
    public boolean fromTrustedProxy(HttpServerRequest request) {
        // Trusting nobody (the gateway's default) needs no peer address, which Vert.x formats anew on every call.
        if (!trusted.trustsAnyone()) {
            return false;
        }
        SocketAddress peer = request.connection() == null ? null : request.connection().remoteAddress();
        return peer != null && trusted.trusts(peer.hostAddress());
    }

    /**
     * {@code https} or {@code http}, as the client called. From anyone but a trusted proxy this is the connection's
     * own: Quarkus' forwarded view of the request ({@code request.scheme()}) would work out host, port and absolute
     * URI as well, allocating on every request, only to arrive at the same answer.
     */
    public String scheme(HttpServerRequest request) {
        if (!fromTrustedProxy(request)) {
            return request.connection() != null && request.connection().isSsl() ? "https" : "http";
        }
        return "https".equalsIgnoreCase(request.scheme()) ? "https" : "http";
    }

    /** Whether the client called over TLS: what decides a cookie's {@code Secure} attribute. */
    public boolean secure(HttpServerRequest request) {
        return scheme(request).equals("https");
    }

    /** {@code host[:port]} as the client called, without the default port of its scheme. */
    public String host(HttpServerRequest request) {
        // The Host header itself from anyone but a trusted proxy, as for the scheme.
        HostAndPort authority = fromTrustedProxy(request) ? request.authority() : hostHeader(request);
        if (authority == null) {
            SocketAddress local = request.localAddress();
            return local == null ? "localhost" : local.hostAddress() + ":" + local.port();
        }
        int port = authority.port();
        boolean defaultPort = port < 0 || (port == 80 && !secure(request)) || (port == 443 && secure(request));
        return defaultPort ? authority.host() : authority.host() + ":" + port;
    }

    private static HostAndPort hostHeader(HttpServerRequest request) {
        String host = request.getHeader(HttpHeaders.HOST);
        return host == null ? null : HostAndPort.parseAuthority(host, -1);
    }

    /** The path prefix a trusted proxy mounts this service under ({@code ""} when none). */
    public String prefix(HttpServerRequest request) {
        if (!fromTrustedProxy(request)) {
            return "";
        }
        String prefix = request.getHeader(PREFIX_HEADER);
        if (prefix == null || prefix.isBlank() || !SAFE_PREFIX.matcher(prefix.strip()).matches()) {
            return "";
        }
        String trimmed = prefix.strip();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    /** {@code scheme://host[:port][prefix]}: what every absolute link of this request starts with. */
    public String base(HttpServerRequest request) {
        return scheme(request) + "://" + host(request) + prefix(request);
    }

    /** An absolute link to a path of this API, as the client of the current request must follow it. */
    public URI link(String path) {
        HttpServerRequest request = Optional.ofNullable(current.getCurrent())
                .map(rc -> rc.request())
                .orElseThrow(() -> new IllegalStateException("links are built inside a request"));
        return URI.create(base(request) + path);
    }
}
