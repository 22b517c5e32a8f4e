package dev.flywheel.run.scoring;

import io.smallrye.mutiny.Uni;

/** Scores a run's final output. Synchronous scorers answer with an item at once; any value is clamped to [0, 1]. */
public interface Scorer {

    String name();

    Uni<Double> score(ScoringInput input);

    /**
     * Whether the scorer answers at once, without waiting on anything: the engine then stores the run's last stage
     * with its outcome in one transaction, since no time passes between the two that anyone could observe.
     */
    default boolean immediate() {
        return false;
    }
}
