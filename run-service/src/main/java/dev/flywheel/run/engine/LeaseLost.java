package dev.flywheel.run.engine;

import java.util.UUID;

/**
 * This worker no longer owns the run: it was cancelled, or its lease expired and another worker claimed
 * it. The execution stops without writing anything more.
 */
public class LeaseLost extends RuntimeException {

    public LeaseLost(UUID runId) {
        super("run " + runId + " is no longer held by this worker", null, false, false);
    }
}
