package dev.flywheel.selftest.loop;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Prometheus view of the loop ({@code selftest_probe_results_total}, {@code selftest_probe_duration_seconds}),
 * counted only once a result is committed, so that alerting sees what the health panel sees.
 */
@Singleton
public class ProbeMetrics {

    static final String RESULTS = "selftest.probe.results";
    static final String DURATION = "selftest.probe.duration";

    private final MeterRegistry registry;

    public ProbeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void count(RecordedResult result) {
        String capability = result.capability().value();
        registry.counter(RESULTS, "capability", capability, "outcome", result.success() ? "success" : "failure",
                "trigger", result.trigger().value()).increment();
        Timer.builder(DURATION).tag("capability", capability).register(registry)
                .record(Duration.ofMillis(result.durationMs()));
    }
}
