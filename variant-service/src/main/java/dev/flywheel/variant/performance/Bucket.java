package dev.flywheel.variant.performance;

import dev.flywheel.common.problem.InvalidInput;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The width of a time-series bucket as the API writes it: a whole number of minutes, hours or days ({@code 1h}). */
public record Bucket(String text, Duration width) {

    private static final Pattern FORM = Pattern.compile("([1-9][0-9]{0,4})([mhd])");
    static final Duration LARGEST = Duration.ofDays(31);

    public static Bucket parse(String value) {
        String text = value == null || value.isBlank() ? "1h" : value.strip();
        Matcher matcher = FORM.matcher(text);
        if (!matcher.matches()) {
            throw new InvalidInput("bucket", "must be a number of minutes, hours or days such as 15m, 1h or 1d");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration width = switch (matcher.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        if (width.compareTo(LARGEST) > 0) {
            throw new InvalidInput("bucket", "must be at most 31d");
        }
        return new Bucket(text, width);
    }
}
