package dev.flywheel.variant;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Every setting of variant-service (SPEC §4), one nested interface per concern. */
@ConfigMapping(prefix = "variant")
public interface VariantConfig {

    /** Resolved-config cache. */
    Resolution resolution();

    /** Performance ingestion from run-service's event stream. */
    Performance performance();

    interface Resolution {
        /** How long a resolved config is served from memory before it is read again (eviction events aside). */
        @WithDefault("30s")
        Duration cacheTtl();

        /** Most resolved configs kept in memory per replica. */
        @WithDefault("10000")
        long cacheMaxEntries();

        /** Pause before re-subscribing to the {@code variant.changed} channel after Redis dropped the subscription. */
        @WithDefault("1s")
        Duration resubscribeDelay();
    }

    interface Performance {
        /** Whether this replica reads run outcomes from run-service's stream into the performance log. */
        @WithDefault("true")
        boolean ingestEnabled();

        /** Producer of the run events: its durable stream is {@code <prefix>.stream.<source>}. */
        @WithDefault("run-service")
        String source();

        /** Consumer group the replicas share, so each run outcome is recorded by one of them. */
        @WithDefault("variant-service")
        String consumerGroup();

        /** Most variants one compare request may name. */
        @WithDefault("20")
        int compareMaxVariants();
    }
}
