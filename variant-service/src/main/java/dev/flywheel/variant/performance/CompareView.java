package dev.flywheel.variant.performance;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Metrics side by side: the base config first, then the variants in the order asked for. */
public record CompareView(UUID agentId, Instant since, List<MetricsView> items) {
}
