package dev.flywheel.variant.performance;

import java.time.Instant;

/**
 * One bucket of a variant's series: the runs recorded from {@code start} for one bucket width, their success
 * rate, latency percentiles and mean score (null when no run of the bucket was scored).
 */
public record SeriesPoint(Instant start, long runs, double successRate, LatencyPercentiles latencyMs, Double meanScore) {

    /** Run latency in milliseconds within the bucket. */
    public record LatencyPercentiles(double p50, double p95) {
    }
}
