package dev.flywheel.gateway.routing;

import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One address a service is given (one replica). It is skipped while it is not ready (its last readiness check
 * failed) or for a while after a connection to it failed; after that it is tried again.
 */
public final class Replica {

    private static final long NOT_DOWN = 0;

    private final String host;
    private final int port;
    private final boolean ssl;
    private final AtomicBoolean ready = new AtomicBoolean(true);
    /** {@link System#nanoTime()} until which the replica is skipped; {@code NOT_DOWN} when it is not. */
    private final AtomicLong downUntilNanos = new AtomicLong(NOT_DOWN);

    Replica(String host, int port, boolean ssl) {
        this.host = host;
        this.port = port;
        this.ssl = ssl;
    }

    public static Replica of(String baseUrl) {
        URI uri;
        try {
            uri = URI.create(baseUrl.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a service URL: " + baseUrl, e);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("not a service URL: " + baseUrl);
        }
        boolean ssl = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
        return new Replica(uri.getHost(), port, ssl);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public boolean ssl() {
        return ssl;
    }

    public String baseUrl() {
        return (ssl ? "https://" : "http://") + host + ":" + port;
    }

    /** Whether requests should go here now. */
    boolean available(long nowNanos) {
        long downUntil = downUntilNanos.get();
        return ready.get() && (downUntil == NOT_DOWN || nowNanos - downUntil >= 0);
    }

    /** A connection failed: skip this replica until {@code nowNanos + backOffNanos}, then try it again. */
    void connectionFailed(long nowNanos, long backOffNanos) {
        downUntilNanos.set(nowNanos + backOffNanos);
    }

    /** The outcome of a readiness check; a ready answer also ends any back-off. */
    void readiness(boolean isReady) {
        ready.set(isReady);
        if (isReady) {
            downUntilNanos.set(NOT_DOWN);
        }
    }

    @Override
    public String toString() {
        return baseUrl();
    }
}
