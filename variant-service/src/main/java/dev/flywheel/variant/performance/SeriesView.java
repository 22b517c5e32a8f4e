package dev.flywheel.variant.performance;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A variant's metrics over time, for charts: one point per bucket that recorded runs, oldest first. Buckets
 * are aligned to the Unix epoch, so two requests with the same width put a run in the same bucket; runs
 * that overrode the agent's model or template are left out, as in every metric.
 */
public record SeriesView(UUID agentId, UUID variantId, String bucket, long bucketSeconds, Instant since,
        List<SeriesPoint> points) {
}
