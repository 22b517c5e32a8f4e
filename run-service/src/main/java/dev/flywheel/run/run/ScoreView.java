package dev.flywheel.run.run;

/** A scorer's value for a run, in [0, 1]. */
public record ScoreView(String scorerName, double value) {
}
