package dev.flywheel.run.agent;

import dev.flywheel.common.peer.PeerPolicy;
import io.smallrye.config.ConfigMapping;

/** How run-service calls its peers: {@code peers.<service>.retries|backoff|max-backoff|timeout}. */
@ConfigMapping(prefix = "peers")
public interface PeersConfig {

    /** variant-service, which resolves agent configs (SPEC §4). */
    PeerPolicy variantService();
}
