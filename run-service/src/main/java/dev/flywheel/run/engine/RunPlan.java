package dev.flywheel.run.engine;

import java.util.List;
import java.util.UUID;

/** What a run executes, with the agent limits that apply (0 = no limit) and the variant it was resolved to. */
public record RunPlan(List<PlannedStage> stages, int tokenBudget, int inputTokenLimit, UUID agentId, UUID variantId) {
}
