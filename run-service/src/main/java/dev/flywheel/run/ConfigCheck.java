package dev.flywheel.run;

import dev.flywheel.common.config.ConfigBounds;
import dev.flywheel.run.agent.PeersConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Stops the start on a setting of {@link RunServiceConfig} and {@link PeersConfig} out of its bounds (why not
 * {@code @Min}: {@link ConfigBounds}).
 */
@ApplicationScoped
class ConfigCheck {

    void check(@Observes StartupEvent event, RunServiceConfig config, PeersConfig peers) {
        ConfigBounds.atLeast("run.cache.counter-stripes", config.cache().counterStripes(), 1);
        ConfigBounds.atLeast("peers.variant-service.retries", peers.variantService().retries(), 0);
    }
}
