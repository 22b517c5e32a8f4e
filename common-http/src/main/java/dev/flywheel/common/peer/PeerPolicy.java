package dev.flywheel.common.peer;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How one service calls one peer service (SPEC §2): a config group that each service's mapping declares once per
 * peer, so every peer is tuned on its own under the same four keys. {@link PeerCall} carries it out.
 */
public interface PeerPolicy {

    /**
     * Retries after a failure worth retrying (refused connection, 502/503/504, no answer in time); 0 disables. At
     * least 0, checked at start by each service that declares the peer (not {@code @Min}: {@code ConfigBounds}).
     */
    @WithDefault("2")
    int retries();

    /** First pause before a retry; each further one doubles, up to {@link #maxBackoff()}. */
    @WithDefault("200ms")
    Duration backoff();

    /** Longest pause between two attempts. */
    @WithDefault("2s")
    Duration maxBackoff();

    /** Longest one attempt may take before it counts as a timeout (and may be retried). */
    @WithDefault("5s")
    Duration timeout();
}
