package dev.flywheel.selftest.peer;

import dev.flywheel.common.peer.PeerPolicy;
import io.smallrye.config.ConfigMapping;

/** How the probes call their peers: {@code peers.<service>.retries|backoff|max-backoff|timeout}. */
@ConfigMapping(prefix = "peers")
public interface PeersConfig {

    /** run-service, where multistep_planning creates its experiment and runs. */
    PeerPolicy runService();

    /** verify-service, whose read-only tool tool_use executes. */
    PeerPolicy verifyService();
}
