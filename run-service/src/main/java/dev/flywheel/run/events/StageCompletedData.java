package dev.flywheel.run.events;

import java.util.UUID;

/** Data of {@code run.stage_completed}; {@code attempt} tells a stage of a re-claimed run from the earlier try's. */
public record StageCompletedData(UUID runId, UUID experimentId, UUID agentId, UUID variantId, int stageIndex,
        String modelUsed, int tokensIn, int tokensOut, long latencyMs, boolean cached, int attempt) {
}
