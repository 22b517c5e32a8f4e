package dev.flywheel.selftest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Every setting of the capability self-test loop (SPEC §7, §9). */
@ConfigMapping(prefix = "loop-qa")
public interface LoopQaConfig {

    /** Whether the loop runs: off, scheduled ticks and {@code run-next} do nothing ({@code run-all} still runs). */
    @WithDefault("true")
    boolean enabled();

    /** Time between scheduled ticks; each tick runs at most one probe for the whole cluster. */
    @WithDefault("5m")
    Duration interval();

    /**
     * Most probes run by ticks and {@code run-next} per UTC hour, across all replicas; 0 stops them. At least 0,
     * checked at start ({@code ConfigCheck}).
     */
    @WithDefault("12")
    int maxPerHour();

    /**
     * Consecutive failures at which a capability turns red and an upgrade proposal is filed. At least 1, checked at
     * start ({@code ConfigCheck}).
     */
    @WithDefault("3")
    int upgradeThreshold();

    /** Longest one probe may take before it counts as a failure with error type TimeoutException. */
    @WithDefault("90s")
    Duration probeTimeout();

    /** Settings of the tool_use probe. */
    ToolUse toolUse();

    /** Settings of the multistep_planning probe. */
    MultistepPlanning multistepPlanning();

    /** Settings of the memory and notes stores the probes exercise. */
    Stores stores();

    interface ToolUse {
        /** Readiness URL that verify-service's http_health tool is asked to check (defaults to this service). */
        @WithDefault("${FLYWHEEL_SELFTEST_URL:http://127.0.0.1:8081}/q/health/ready")
        String healthUrl();

        /** Name of the read-only verify-service tool the probe executes. */
        @WithDefault("http_health")
        String tool();
    }

    interface MultistepPlanning {
        /** Name of the run-service experiment the probe creates once and submits its runs to. */
        @WithDefault("loop-qa self-test")
        String experimentName();

        /** Model of both pipeline stages; echo answers with the prompt, so no LLM is needed. */
        @WithDefault("echo:any")
        String model();

        /** Longest the probe waits for its run to finish. */
        @WithDefault("60s")
        Duration runTimeout();

        /** Pause between two polls of the run's status. */
        @WithDefault("500ms")
        Duration pollInterval();
    }

    interface Stores {
        /**
         * self_test_marker facts and Self-Test Notes kept; older ones are pruned when a probe writes. At least 1,
         * checked at start ({@code ConfigCheck}).
         */
        @WithDefault("100")
        int keepLatest();
    }
}
