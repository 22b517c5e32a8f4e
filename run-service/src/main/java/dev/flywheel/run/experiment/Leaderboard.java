package dev.flywheel.run.experiment;

import java.util.List;
import java.util.UUID;

/** {@code GET /api/experiments/{id}/leaderboard}: the experiment's configurations, best first. */
public record Leaderboard(UUID experimentId, List<LeaderboardEntry> entries) {
}
