package dev.flywheel.verify;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
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

    /** Where {@code http_health} may go. */
    HttpHealth httpHealth();

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

        /**
         * Most verifications stored as pending in one statement; more submitted together go into the next one. At
         * least 1, checked at start ({@code ConfigCheck}).
         */
        @WithDefault("500")
        int acceptanceBatchSize();

        /**
         * Most verifications completed in one statement; more finishing together go into the next one. At least 1,
         * checked at start ({@code ConfigCheck}).
         */
        @WithDefault("500")
        int completionBatchSize();
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

    interface HttpHealth {
        /**
         * The hosts {@code http_health} may fetch from (SPEC §10), comma-separated; anything else is refused.
         * An entry is {@code loopback} (localhost, 127.0.0.0/8, ::1), a suffix starting with a dot
         * ({@code .svc}: every name ending so), a URL (its host; this is how the FLYWHEEL_*_URL peers are
         * allowed, each of several URLs), or a host name or IP address. Setting it replaces the whole default.
         */
        @WithDefault("loopback,.svc,.svc.cluster.local,${FLYWHEEL_SELFTEST_URL:},${FLYWHEEL_VARIANT_URL:},"
                + "${FLYWHEEL_RUN_URL:},${FLYWHEEL_VERIFY_URL:},${FLYWHEEL_GATEWAY_URL:}")
        List<String> allowedHosts();

        /** Most redirects followed for one call, each only to the same scheme, host and port. */
        @WithDefault("3")
        int maxRedirects();
    }
}
