package dev.flywheel.gateway.ui.form;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bean Validation's and Jackson's default messages as a person would say them next to a field ("is required",
 * "must be at least 1"); a message a service wrote itself is left as it is.
 */
final class FieldMessages {

    private record Rule(Pattern pattern, Function<Matcher, String> say) {
    }

    private static final List<Rule> RULES = List.of(
            rule("must not be (null|blank|empty)", m -> "is required"),
            rule("must be greater than or equal to (\\S+)", m -> "must be at least " + m.group(1)),
            rule("must be less than or equal to (\\S+)", m -> "must be at most " + m.group(1)),
            rule("must be greater than 0", m -> "must be more than 0"),
            rule("must be greater than (\\S+)", m -> "must be more than " + m.group(1)),
            rule("must be less than (\\S+)", m -> "must be less than " + m.group(1)),
            rule("size must be between 0 and (\\d+)", m -> "must be at most " + m.group(1) + " long"),
            rule("size must be between (\\d+) and (\\d+)", m -> "must be " + m.group(1) + " to " + m.group(2) + " long"),
            rule("(Cannot deserialize|Cannot coerce|Unrecognized token|Unexpected character).*",
                    m -> "is not a valid value here"));

    private FieldMessages() {
    }

    private static Rule rule(String regex, Function<Matcher, String> say) {
        return new Rule(Pattern.compile(regex), say);
    }

    static String human(String message) {
        if (message == null || message.isBlank()) {
            return "is not valid";
        }
        String trimmed = message.strip();
        for (Rule rule : RULES) {
            Matcher matcher = rule.pattern().matcher(trimmed);
            if (matcher.matches()) {
                return rule.say().apply(matcher);
            }
        }
        return trimmed;
    }
}
