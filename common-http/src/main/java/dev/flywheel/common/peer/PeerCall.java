package dev.flywheel.common.peer;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.flywheel.common.problem.UpstreamUnavailable;
import io.smallrye.mutiny.Uni;
import io.vertx.core.VertxException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The one way a service calls a peer service: every attempt bounded by the peer's {@link PeerPolicy#timeout()},
 * retried with exponential back-off only when another attempt may succeed, and every way the exchange can fail
 * turned into {@link UpstreamUnavailable} naming the peer, so a failure says which service let it down and how.
 * <p>
 * Worth retrying: a refused connection (the peer is restarting), 502/503/504 (a proxy or the peer says "not now")
 * and an attempt that timed out. Never retried: 500/501 and every 4xx, which the same request would get again, and
 * an unreadable body.
 */
public final class PeerCall {

    private final String peer;
    private final PeerPolicy policy;

    private PeerCall(String peer, PeerPolicy policy) {
        this.peer = peer;
        this.policy = policy;
    }

    /** Calls to {@code peer} (its service name, as failures name it) under {@code policy}. */
    public static PeerCall to(String peer, PeerPolicy policy) {
        return new PeerCall(peer, policy);
    }

    public String peer() {
        return peer;
    }

    /** Makes the request (a new attempt each time the supplier is called) under this peer's policy. */
    public <T> Uni<T> call(Supplier<Uni<? extends T>> request) {
        Uni<T> attempt = Uni.createFrom().<T>deferred(request)
                .ifNoItem().after(policy.timeout())
                .failWith(() -> new TimeoutException("no answer within " + policy.timeout().toMillis() + " ms"));
        if (policy.retries() > 0) {
            attempt = attempt.onFailure(PeerCall::worthRetrying).retry()
                    .withBackOff(policy.backoff(), policy.maxBackoff()).atMost(policy.retries());
        }
        return attempt.onFailure().transform(error -> upstream(peer, error));
    }

    /** The HTTP status a peer answered with, looking through {@link UpstreamUnavailable}; -1 when none. */
    public static int status(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof WebApplicationException web) {
                return web.getResponse().getStatus();
            }
        }
        return -1;
    }

    static boolean worthRetrying(Throwable error) {
        if (error instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            return status == 502 || status == 503 || status == 504;
        }
        return causedBy(error, ConnectException.class) || causedBy(error, TimeoutException.class);
    }

    /**
     * Names the peer in failures that come from talking to it. Anything else (a bug on this side) keeps its own
     * type, so whoever reports it sees the class of what really went wrong.
     */
    static Throwable upstream(String peer, Throwable error) {
        if (error instanceof UpstreamUnavailable || !fromTheWire(error)) {
            return error;
        }
        // Checked first: the REST client reports an unreadable 2xx body as a WebApplicationException too.
        if (causedBy(error, JsonProcessingException.class)
                || error instanceof WebApplicationException web && web.getResponse().getStatus() < 300) {
            return new UpstreamUnavailable(peer, "answered with a body that is not the expected JSON", error);
        }
        if (error instanceof WebApplicationException web) {
            return new UpstreamUnavailable(peer, "answered HTTP " + web.getResponse().getStatus(), error);
        }
        Throwable root = rootCause(error);
        String message = root.getMessage();
        return new UpstreamUnavailable(peer, message == null ? root.getClass().getSimpleName() : message, error);
    }

    private static boolean fromTheWire(Throwable error) {
        return error instanceof WebApplicationException || error instanceof ProcessingException
                || causedBy(error, IOException.class) || causedBy(error, VertxException.class)
                || causedBy(error, TimeoutException.class)
                || causedBy(error, JsonProcessingException.class);
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
