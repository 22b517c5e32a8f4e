package dev.flywheel.gateway.routing;

import java.net.URI;

/** A service behind the gateway: its name (used in problem answers) and where it listens. */
public record Upstream(String name, String host, int port, boolean ssl) {

    public static Upstream of(String name, String baseUrl) {
        URI uri = URI.create(baseUrl);
        boolean ssl = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
        return new Upstream(name, uri.getHost(), port, ssl);
    }

    public String baseUrl() {
        return (ssl ? "https://" : "http://") + host + ":" + port;
    }
}
