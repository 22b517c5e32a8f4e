package dev.flywheel.run.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.common.problem.InvalidInput;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds scorers from the run config's specs and applies them to a final output. Every score is
 * clamped to [0, 1]; a scorer that fails (throws, fails its Uni, answers NaN) is kept out of the scores
 * and reported as an outcome with its error, so the run still completes (SPEC §5).
 */
@ApplicationScoped
public class Scorers {

    private final Map<String, ScorerType> types;

    public Scorers(Instance<ScorerType> types) {
        this.types = types.stream().collect(Collectors.toUnmodifiableMap(ScorerType::type, Function.identity()));
    }

    /** Builds every scorer of the specs, or fails with 400 naming the first offending field. */
    public List<Scorer> build(JsonNode specs, String field) {
        if (specs == null || specs.isNull()) {
            return List.of();
        }
        if (!specs.isArray()) {
            throw new InvalidInput(field, "must be a list of scorer specs");
        }
        List<Scorer> scorers = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < specs.size(); i++) {
            String at = field + "[" + i + "]";
            JsonNode spec = specs.get(i);
            if (!spec.isObject() || !spec.path("type").isTextual()) {
                throw new InvalidInput(at + ".type", "is required; one of " + types.keySet().stream().sorted().toList());
            }
            ScorerType type = types.get(spec.get("type").asText());
            if (type == null) {
                throw new InvalidInput(at + ".type", "unknown scorer type; one of " + types.keySet().stream().sorted().toList());
            }
            String name = spec.path("name").isTextual() && !spec.get("name").asText().isBlank() ? spec.get("name").asText()
                    : type.type();
            if (!names.add(name)) {
                throw new InvalidInput(at + ".name", "scorer name '" + name + "' is used twice; give each a name");
            }
            try {
                scorers.add(type.create(name, spec));
            } catch (InvalidScorerSpec e) {
                throw new InvalidInput(at + "." + e.option(), e.getMessage());
            }
        }
        return List.copyOf(scorers);
    }

    /** Runs every scorer concurrently; never fails. */
    public Uni<List<ScorerOutcome>> apply(List<Scorer> scorers, ScoringInput input) {
        if (scorers.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<ScorerOutcome>> outcomes = scorers.stream().map(scorer -> applyOne(scorer, input)).toList();
        return Uni.join().all(outcomes).andCollectFailures();
    }

    private static Uni<ScorerOutcome> applyOne(Scorer scorer, ScoringInput input) {
        return Uni.createFrom().deferred(() -> scorer.score(input))
                .map(value -> {
                    if (value == null || value.isNaN()) {
                        return ScorerOutcome.failed(scorer.name(), "the scorer produced no number");
                    }
                    return ScorerOutcome.scored(scorer.name(), Math.max(0.0, Math.min(1.0, value)));
                })
                .onFailure().recoverWithItem(failure -> ScorerOutcome.failed(scorer.name(), describe(failure)));
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
