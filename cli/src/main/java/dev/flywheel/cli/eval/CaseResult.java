package dev.flywheel.cli.eval;

import java.util.List;
import java.util.UUID;

/** How one case ended: its run, the verdict and each assertion's score. */
public record CaseResult(EvalCase evalCase, UUID runId, Outcome outcome, Double score, Long latencyMs, boolean cached,
        String output, String error, List<AssertionResult> assertions) {

    /** PASS: every assertion passed. FAIL: the run completed and an assertion failed. ERROR: the run did not complete. */
    public enum Outcome {
        PASS, FAIL, ERROR
    }

    /** One assertion's score, the threshold it had to reach and, when it failed, why. */
    public record AssertionResult(Assertion assertion, String scorerName, Double score, double threshold, boolean pass,
            String reason) {
    }

    public boolean passed() {
        return outcome == Outcome.PASS;
    }
}
