package dev.flywheel.common.requestid;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Gives every request an {@code X-Request-Id} (the caller's, when it is sane) before any other check runs,
 * so that health checks, problem responses and resources alike log it and answer with it (SPEC §3).
 * The id lives in the MDC, which Quarkus keeps per request on its duplicated Vert.x context, and in the request's
 * own header, so that whatever passes the request on (the gateway's proxy) passes this id.
 */
public final class RequestIds {

    /** The header that carries the id in and out of every service. */
    public static final String HEADER = "X-Request-Id";
    /** The MDC key the log format prints. */
    public static final String MDC_KEY = "request_id";

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    /** {@link #HEADER} as Netty's ASCII string, whose hash is computed once rather than on every header operation. */
    private static final CharSequence HEADER_NAME = HttpHeaders.createOptimized(HEADER);

    /** Gives the request its id: the first of common-http's edge checks ({@code hygiene.EdgeChecks}). */
    public static void assign(RoutingContext rc) {
        String id = sanitize(rc.request().getHeader(HEADER_NAME));
        MDC.put(MDC_KEY, id);
        rc.request().headers().set(HEADER_NAME, id);
        rc.response().putHeader(HEADER_NAME, id);
    }

    /** The current request's id, or null outside a request. */
    public static String current() {
        Object id = MDC.get(MDC_KEY);
        return id == null ? null : id.toString();
    }

    /** The caller's id when it is a plausible token (it ends up in logs), otherwise a fresh UUID. */
    public static String sanitize(String candidate) {
        return candidate != null && SAFE_ID.matcher(candidate).matches() ? candidate : fresh();
    }

    /**
     * A random (version 4) UUID from the thread's own generator: a request id must be unique, not unguessable, and
     * {@link UUID#randomUUID()} draws from one SecureRandom that every event loop would queue for.
     */
    static String fresh() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & ~0xC000000000000000L | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
