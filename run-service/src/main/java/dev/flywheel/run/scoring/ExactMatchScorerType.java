package dev.flywheel.run.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;

/** 1 when the output equals {@code expected} (default: the input data), else 0; trimmed, case-sensitive unless told. */
@ApplicationScoped
public class ExactMatchScorerType implements ScorerType {

    @Override
    public String type() {
        return "exact_match";
    }

    @Override
    public Scorer create(String name, JsonNode spec) {
        String expected = SpecOptions.optionalText(spec, "expected", null);
        boolean caseSensitive = SpecOptions.flag(spec, "case_sensitive", true);
        return new SyncScorer(name, input -> {
            String want = (expected == null ? input.inputText() : expected).trim();
            String got = input.output().trim();
            return (caseSensitive ? want.equals(got) : want.equalsIgnoreCase(got)) ? 1.0 : 0.0;
        });
    }
}
