package dev.flywheel.verify;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Every verify-service setting (SPEC §6, §9). */
@ConfigMapping(prefix = "verify")
public interface VerifyConfig {

    /** Longest the post-state collection of one verification may take; past it the result is {@code timeout}. */
    @WithDefault("30s")
    Duration timeout();

    /** Verification lifecycle settings. */
    Verifications verifications();

    /** Settings shared by every tool call. */
    Tools tools();

    /** The Prometheus HTTP API behind {@code prometheus_query}. */
    Prometheus prometheus();

    interface Verifications {
        /** Extra time past warmup and timeout before another replica takes over a verification whose owner died. */
        @WithDefault("60s")
        Duration leaseGrace();

        /** How often pending verifications with an expired lease are looked for. */
        @WithDefault("30s")
        Duration sweepInterval();

        /** Most stalled verifications taken over per sweep. */
        @WithDefault("50")
        int sweepBatchSize();
    }

    interface Tools {
        /** Longest a single tool call may take before it counts as failed. */
        @WithDefault("10s")
        Duration callTimeout();

        /** Largest tool output, in bytes of JSON, kept as is; a larger one is stored as a truncated preview. */
        @WithDefault("65536")
        int maxOutputBytes();
    }

    interface Prometheus {
        /** Base URL of the Prometheus server (e.g. http://prometheus:9090); unset: no Prometheus tool. */
        Optional<String> url();
    }
}
