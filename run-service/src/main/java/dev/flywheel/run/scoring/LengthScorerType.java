package dev.flywheel.run.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;

/** 1 when the output's length (in {@code unit} chars, the default, or words) lies within [min, max], else 0. */
@ApplicationScoped
public class LengthScorerType implements ScorerType {

    @Override
    public String type() {
        return "length";
    }

    @Override
    public Scorer create(String name, JsonNode spec) {
        Integer min = SpecOptions.optionalCount(spec, "min");
        Integer max = SpecOptions.optionalCount(spec, "max");
        if (min == null && max == null) {
            throw new InvalidScorerSpec("min", "min or max is required");
        }
        if (min != null && max != null && min > max) {
            throw new InvalidScorerSpec("max", "must not be below min");
        }
        String unit = SpecOptions.optionalText(spec, "unit", "chars");
        if (!unit.equals("chars") && !unit.equals("words")) {
            throw new InvalidScorerSpec("unit", "must be chars or words");
        }
        return new SyncScorer(name, input -> {
            String output = input.output().trim();
            int length = unit.equals("chars") ? output.length() : output.isEmpty() ? 0 : output.split("\\s+").length;
            boolean within = (min == null || length >= min) && (max == null || length <= max);
            return within ? 1.0 : 0.0;
        });
    }
}
