package dev.flywheel.selftest.peer;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.flywheel.common.problem.UpstreamUnavailable;
import dev.flywheel.selftest.LoopQaConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.VertxException;
import jakarta.inject.Singleton;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Calls a peer service with bounded retries and turns every way the exchange can fail into
 * {@link UpstreamUnavailable} naming the peer, so a probe's failure says which service let it down and how.
 */
@Singleton
public class PeerCalls {

    /** Back-off never grows past this many times the first one. */
    private static final int MAX_BACKOFF_FACTOR = 8;

    private final LoopQaConfig.PeerRetry retry;

    public PeerCalls(LoopQaConfig config) {
        this.retry = config.peerRetry();
    }

    public <T> Uni<T> call(String peer, Supplier<Uni<? extends T>> request) {
        Uni<T> attempt = Uni.createFrom().<T>deferred(request);
        if (retry.attempts() > 0) {
            Duration backoff = retry.backoff();
            attempt = attempt.onFailure(PeerCalls::worthRetrying).retry()
                    .withBackOff(backoff, backoff.multipliedBy(MAX_BACKOFF_FACTOR)).atMost(retry.attempts());
        }
        return attempt.onFailure().transform(error -> upstream(peer, error));
    }

    /** Only a refused connection or a gateway-type 5xx may go away by itself; a 4xx or bad body will not. */
    static boolean worthRetrying(Throwable error) {
        if (error instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            return status == 502 || status == 503 || status == 504;
        }
        return causedBy(error, ConnectException.class);
    }

    /**
     * Names the peer in failures that come from talking to it. Anything else (a bug on this side) keeps its
     * own type, so the probe's error_type stays the class of what really went wrong.
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
        String message = rootCause(error).getMessage();
        return new UpstreamUnavailable(peer, message == null ? rootCause(error).getClass().getSimpleName() : message,
                error);
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
