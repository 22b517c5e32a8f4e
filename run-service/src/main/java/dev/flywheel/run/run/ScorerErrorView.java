package dev.flywheel.run.run;

/** A scorer that failed on a run and why; the run still completed. */
public record ScorerErrorView(String scorerName, String error) {
}
