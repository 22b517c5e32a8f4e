package dev.flywheel.variant.performance;

import java.time.Instant;
import java.util.UUID;

/**
 * Performance of one variant, or of the base config when {@code variant_id} is null, over the runs recorded
 * since {@code since} (all runs when null). Rates, means and percentiles are null when there were no runs;
 * tokens are totals.
 */
public record MetricsView(UUID variantId, String variantName, Instant since, long runs, Double successRate,
        LatencyView latencyMs, long tokensIn, long tokensOut, Double meanScore) {

    /** Name shown for the agent's base config next to its variants. */
    public static final String BASE = "base";
}
