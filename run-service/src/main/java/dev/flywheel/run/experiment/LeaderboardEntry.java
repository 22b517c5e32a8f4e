package dev.flywheel.run.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One configuration of an experiment (its config without input and repeat), ranked by mean score, ties
 * broken by mean latency. A rate or mean over no finished run is null (no data), not 0.
 */
public record LeaderboardEntry(int rank, String configHash, JsonNode config, long runs,
        @Schema(nullable = true, description = "Completed runs over finished (completed or failed) runs, 0 to 1;"
                + " null while no run of this configuration has finished")
        Double successRate,
        @Schema(nullable = true, description = "Mean of the runs' mean scores; null while no run has a score")
        Double meanScore,
        @Schema(nullable = true, description = "Mean latency of completed runs in ms; null while none has completed")
        Double meanLatencyMs, long tokensIn, long tokensOut) {
}
