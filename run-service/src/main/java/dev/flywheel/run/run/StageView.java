package dev.flywheel.run.run;

/** One executed stage of a run. */
public record StageView(int stageIndex, String promptSent, String responseRaw, String modelUsed, int tokensIn,
        int tokensOut, long latencyMs, boolean cached) {
}
