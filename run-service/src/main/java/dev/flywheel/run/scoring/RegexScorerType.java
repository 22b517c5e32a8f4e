package dev.flywheel.run.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * 1 when {@code pattern} is found in the output ({@code full_match}: matches all of it), else 0. RE2/J
 * runs in linear time, so a user's pattern cannot stall a worker (no ReDoS).
 */
@ApplicationScoped
public class RegexScorerType implements ScorerType {

    @Override
    public String type() {
        return "regex";
    }

    @Override
    public Scorer create(String name, JsonNode spec) {
        String source = SpecOptions.requiredText(spec, "pattern");
        boolean fullMatch = SpecOptions.flag(spec, "full_match", false);
        int flags = SpecOptions.flag(spec, "case_sensitive", true) ? 0 : Pattern.CASE_INSENSITIVE;
        Pattern pattern;
        try {
            pattern = Pattern.compile(source, flags | Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw new InvalidScorerSpec("pattern", "is not a valid RE2 expression: " + e.getDescription());
        }
        return new SyncScorer(name, input -> {
            boolean matched = fullMatch ? pattern.matches(input.output()) : pattern.matcher(input.output()).find();
            return matched ? 1.0 : 0.0;
        });
    }
}
