package dev.flywheel.run.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;

/**
 * The share of keyword rules the output keeps: every word of {@code required_present} found and every
 * word of {@code required_absent} missing counts one; the score is rules kept over rules.
 */
@ApplicationScoped
public class KeywordScorerType implements ScorerType {

    @Override
    public String type() {
        return "keyword";
    }

    @Override
    public Scorer create(String name, JsonNode spec) {
        List<String> present = SpecOptions.texts(spec, "required_present");
        List<String> absent = SpecOptions.texts(spec, "required_absent");
        if (present.isEmpty() && absent.isEmpty()) {
            throw new InvalidScorerSpec("required_present", "required_present or required_absent must list a keyword");
        }
        boolean caseSensitive = SpecOptions.flag(spec, "case_sensitive", false);
        return new SyncScorer(name, input -> {
            String output = caseSensitive ? input.output() : input.output().toLowerCase(Locale.ROOT);
            long kept = present.stream().filter(word -> output.contains(normal(word, caseSensitive))).count()
                    + absent.stream().filter(word -> !output.contains(normal(word, caseSensitive))).count();
            return (double) kept / (present.size() + absent.size());
        });
    }

    private static String normal(String word, boolean caseSensitive) {
        return caseSensitive ? word : word.toLowerCase(Locale.ROOT);
    }
}
