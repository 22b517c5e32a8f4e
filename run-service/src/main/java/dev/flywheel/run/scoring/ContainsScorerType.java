package dev.flywheel.run.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;

/** 1 when the output contains all (mode {@code all}, the default) or any (mode {@code any}) of {@code values}. */
@ApplicationScoped
public class ContainsScorerType implements ScorerType {

    @Override
    public String type() {
        return "contains";
    }

    @Override
    public Scorer create(String name, JsonNode spec) {
        List<String> values = SpecOptions.texts(spec, "values");
        if (values.isEmpty()) {
            throw new InvalidScorerSpec("values", "must list at least one string");
        }
        String mode = SpecOptions.optionalText(spec, "mode", "all");
        if (!mode.equals("all") && !mode.equals("any")) {
            throw new InvalidScorerSpec("mode", "must be all or any");
        }
        boolean caseSensitive = SpecOptions.flag(spec, "case_sensitive", false);
        List<String> needles = caseSensitive ? values : values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
        return new SyncScorer(name, input -> {
            String haystack = caseSensitive ? input.output() : input.output().toLowerCase(Locale.ROOT);
            boolean matched = mode.equals("all") ? needles.stream().allMatch(haystack::contains)
                    : needles.stream().anyMatch(haystack::contains);
            return matched ? 1.0 : 0.0;
        });
    }
}
