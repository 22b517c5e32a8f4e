package dev.flywheel.run.scoring;

import io.smallrye.mutiny.Uni;
import java.util.function.ToDoubleFunction;

/** A scorer computed at once from its input. */
record SyncScorer(String name, ToDoubleFunction<ScoringInput> rule) implements Scorer {

    @Override
    public Uni<Double> score(ScoringInput input) {
        return Uni.createFrom().item(() -> rule.applyAsDouble(input));
    }

    @Override
    public boolean immediate() {
        return true;
    }
}
