package dev.flywheel.run.engine;

/** An executed stage as it is stored. */
public record StageRecord(int stageIndex, String promptSent, String responseRaw, String modelUsed, int tokensIn,
        int tokensOut, long latencyMs, boolean cached) {
}
