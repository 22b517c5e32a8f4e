package dev.flywheel.selftest.loop;

import dev.flywheel.selftest.LoopQaConfig;
import java.time.Duration;

/** The orchestrator's rules, separate from config so that tests can build orchestrators of their own. */
public record LoopSettings(boolean enabled, Duration interval, int maxPerHour, int upgradeThreshold,
        Duration probeTimeout) {

    public static LoopSettings from(LoopQaConfig config) {
        return new LoopSettings(config.enabled(), config.interval(), config.maxPerHour(), config.upgradeThreshold(),
                config.probeTimeout());
    }
}
