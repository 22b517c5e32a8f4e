package dev.flywheel.run.scoring;

import io.smallrye.mutiny.Uni;

/** Scores a run's final output. Synchronous scorers answer with an item at once; any value is clamped to [0, 1]. */
public interface Scorer {

    String name();

    Uni<Double> score(ScoringInput input);
}
