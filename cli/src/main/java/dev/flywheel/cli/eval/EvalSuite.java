package dev.flywheel.cli.eval;

import java.util.List;

/** Everything an eval submits: a name for the experiment and its cases, plus warnings to show once. */
public record EvalSuite(String description, List<EvalCase> cases, List<String> warnings) {
}
