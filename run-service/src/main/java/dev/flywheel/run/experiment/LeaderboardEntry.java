package dev.flywheel.run.experiment;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One configuration of an experiment (its config without input and repeat), ranked by mean score, ties
 * broken by mean latency.
 */
public record LeaderboardEntry(int rank, String configHash, JsonNode config, long runs, double successRate,
        Double meanScore, Double meanLatencyMs, long tokensIn, long tokensOut) {
}
