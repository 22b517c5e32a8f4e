package dev.flywheel.cli.eval;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A finished eval: its experiment, every case's result, and the summary numbers the exit code is decided on. */
public record EvalReport(UUID experimentId, String description, Instant startedAt, Duration elapsed,
        List<CaseResult> results) {

    public long passed() {
        return results.stream().filter(r -> r.outcome() == CaseResult.Outcome.PASS).count();
    }

    public long failed() {
        return results.stream().filter(r -> r.outcome() == CaseResult.Outcome.FAIL).count();
    }

    public long errors() {
        return results.stream().filter(r -> r.outcome() == CaseResult.Outcome.ERROR).count();
    }

    public long cached() {
        return results.stream().filter(CaseResult::cached).count();
    }

    /** Passed cases over all cases (errors count as not passed); 1.0 for an empty eval. */
    public double passRate() {
        return results.isEmpty() ? 1.0 : (double) passed() / results.size();
    }

    /**
     * 0 when every case passed, or — with a threshold — when the pass rate reaches it; 1 otherwise (promptfoo's
     * rule with PROMPTFOO_PASS_RATE_THRESHOLD).
     */
    public int exitCode(Double threshold) {
        if (threshold != null) {
            return passRate() + 1e-9 >= threshold ? 0 : 1;
        }
        return passed() == results.size() ? 0 : 1;
    }
}
