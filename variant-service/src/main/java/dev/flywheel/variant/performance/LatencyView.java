package dev.flywheel.variant.performance;

/** Run latency in milliseconds; all null when there were no runs. */
public record LatencyView(Double mean, Double p50, Double p95) {
}
