package dev.flywheel.cli.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One cell of the matrix: a prompt × provider × test case (× repeat), the run config that executes it, and the
 * assertions its scorers grade. {@code scorerNames} holds, per assertion, the scorer name its score comes back under.
 */
public record EvalCase(int index, String prompt, String provider, int test, String description, ObjectNode vars,
        List<Assertion> assertions, List<String> scorerNames, Double testThreshold, int repeat, ObjectNode runConfig) {

    /** The test's name in tables and JUnit XML: its description, else its vars. */
    public String testName() {
        if (description != null && !description.isBlank()) {
            return description;
        }
        return vars == null || vars.isEmpty() ? "test " + (test + 1) : vars.toString();
    }
}
