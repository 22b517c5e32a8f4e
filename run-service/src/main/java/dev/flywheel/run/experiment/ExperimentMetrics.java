package dev.flywheel.run.experiment;

/**
 * An experiment's runs summed up (SPEC §5): success rate over finished runs, latency over finished runs,
 * tokens over all runs, mean score over runs that have scores (null when none has).
 */
public record ExperimentMetrics(long runs, double successRate, Latency latencyMs, long tokensIn, long tokensOut,
        Double meanScore) {

    /** Latency in milliseconds; null while no run has finished. */
    public record Latency(Double mean, Double p50, Double p95) {
    }
}
