package dev.flywheel.selftest;

import dev.flywheel.common.config.ConfigBounds;
import dev.flywheel.selftest.peer.PeersConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Stops the start on a setting of {@link LoopQaConfig} and {@link PeersConfig} out of its bounds (why not
 * {@code @Min}: {@link ConfigBounds}).
 */
@ApplicationScoped
class ConfigCheck {

    void check(@Observes StartupEvent event, LoopQaConfig config, PeersConfig peers) {
        ConfigBounds.atLeast("loop-qa.max-per-hour", config.maxPerHour(), 0);
        ConfigBounds.atLeast("loop-qa.upgrade-threshold", config.upgradeThreshold(), 1);
        ConfigBounds.atLeast("loop-qa.stores.keep-latest", config.stores().keepLatest(), 1);
        ConfigBounds.atLeast("peers.run-service.retries", peers.runService().retries(), 0);
        ConfigBounds.atLeast("peers.verify-service.retries", peers.verifyService().retries(), 0);
    }
}
