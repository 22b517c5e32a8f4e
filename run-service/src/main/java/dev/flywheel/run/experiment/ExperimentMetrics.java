package dev.flywheel.run.experiment;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An experiment's runs summed up (SPEC §5): success rate over finished runs, latency over finished runs,
 * tokens over all runs, mean score over runs that have scores. A rate or mean over no run is null (no data),
 * not 0: a success rate of 0 would say every finished run failed. Counts and token sums are true zeros.
 */
public record ExperimentMetrics(long runs,
        @Schema(nullable = true, description = "Completed runs over finished (completed or failed) runs, 0 to 1;"
                + " null while no run has finished")
        Double successRate,
        Latency latencyMs, long tokensIn, long tokensOut,
        @Schema(nullable = true, description = "Mean of the finished runs' scores, 0 to 1; null while no run has a score")
        Double meanScore) {

    /** Latency of finished runs in milliseconds; each figure null while no run has finished. */
    public record Latency(
            @Schema(nullable = true, description = "Mean, ms; null while no run has finished") Double mean,
            @Schema(nullable = true, description = "Median, ms; null while no run has finished") Double p50,
            @Schema(nullable = true, description = "95th percentile, ms; null while no run has finished") Double p95) {
    }
}
