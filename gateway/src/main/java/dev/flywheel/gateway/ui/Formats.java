package dev.flywheel.gateway.ui;

import io.quarkus.qute.TemplateExtension;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * How pages print numbers and times ({@code {fmt:pct(row.success_rate)}}): three significant digits, rates as
 * percentages, latencies in ms or s, times relative to now with the exact UTC time for the {@code title}. A
 * missing value prints as an em dash, never as {@code null} or {@code 0.0}. Written for English pages, so the
 * separators do not depend on the server's locale.
 */
@TemplateExtension(namespace = "fmt")
public final class Formats {

    static final String NONE = "—";
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Formats() {
    }

    /** A count or measure: whole numbers grouped ({@code 12,345}), others to three significant digits. */
    public static String num(Object value) {
        BigDecimal number = decimal(value);
        if (number == null) {
            return NONE;
        }
        if (number.stripTrailingZeros().scale() <= 0 || number.abs().compareTo(BigDecimal.valueOf(1000)) >= 0) {
            return grouped(number.setScale(0, RoundingMode.HALF_UP));
        }
        return number.round(new MathContext(3, RoundingMode.HALF_UP)).stripTrailingZeros().toPlainString();
    }

    /** A fraction of 1 as a percentage with at most one decimal: {@code 0.9166…} → {@code 91.7 %}. */
    public static String pct(Object value) {
        BigDecimal number = decimal(value);
        if (number == null) {
            return NONE;
        }
        BigDecimal percent = number.multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros();
        return (percent.scale() < 0 ? percent.setScale(0) : percent).toPlainString() + " %";
    }

    /** A score in [0, 1] to two decimals ({@code 0.92}), the way evaluation tools print them. */
    public static String score(Object value) {
        BigDecimal number = decimal(value);
        return number == null ? NONE : number.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** A duration in milliseconds: {@code 174 ms} below a second, {@code 1.25 s} above. */
    public static String ms(Object value) {
        BigDecimal number = decimal(value);
        if (number == null) {
            return NONE;
        }
        if (number.abs().compareTo(BigDecimal.valueOf(1000)) < 0) {
            return number.setScale(0, RoundingMode.HALF_UP).toPlainString() + " ms";
        }
        return num(number.divide(BigDecimal.valueOf(1000))) + " s";
    }

    /** A time relative to now: {@code just now}, {@code 5 min ago}, {@code 3 h ago}, {@code 2 days ago}, {@code in 4 min}. */
    public static String ago(Object value) {
        Instant time = instant(value);
        return time == null ? NONE : relative(Duration.between(time, Instant.now()));
    }

    /** The exact time in UTC to the second, for a tooltip or a table that needs it. */
    public static String utc(Object value) {
        Instant time = instant(value);
        return time == null ? NONE : UTC.format(time);
    }

    /** At most {@code length} characters of a text on one line, with an ellipsis when it was longer. */
    public static String cut(Object value, int length) {
        if (value == null) {
            return NONE;
        }
        String text = value.toString().strip().replaceAll("\\s+", " ");
        if (text.length() <= length) {
            return text;
        }
        String cut = text.substring(0, Math.max(0, length - 1));
        int space = cut.lastIndexOf(' ');
        // At a word's end when one is near, so the last word is not a fragment.
        return (space > length / 2 ? cut.substring(0, space) : cut).stripTrailing() + "…";
    }

    /** A list as words: {@code [model, prompt]} → {@code model, prompt}. */
    public static String join(Object values) {
        if (values instanceof Iterable<?> items) {
            StringBuilder joined = new StringBuilder();
            items.forEach(item -> joined.append(joined.length() == 0 ? "" : ", ").append(item));
            return joined.toString();
        }
        return values == null ? "" : values.toString();
    }

    /** The first 8 characters of an id, enough to tell runs apart in a table (the full id is in the link). */
    public static String shortId(Object id) {
        String text = id == null ? "" : id.toString();
        return text.length() <= 8 ? text : text.substring(0, 8);
    }

    /** A form field's name as a reader says it: {@code model_name} → {@code Model name}, {@code model_2} → {@code Model 2}. */
    public static String field(Object name) {
        if (name == null) {
            return "";
        }
        String words = name.toString().replace('_', ' ').strip();
        return words.isEmpty() ? "" : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    static String relative(Duration age) {
        boolean future = age.isNegative();
        long seconds = Math.abs(age.toSeconds());
        String amount;
        if (seconds < 45) {
            return "just now";
        } else if (seconds < 3600) {
            amount = Math.max(1, Math.round(seconds / 60.0)) + " min";
        } else if (seconds < 86_400) {
            amount = Math.round(seconds / 3600.0) + " h";
        } else {
            long days = Math.round(seconds / 86_400.0);
            amount = days + (days == 1 ? " day" : " days");
        }
        return future ? "in " + amount : amount + " ago";
    }

    static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal number) {
            return number;
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            return Double.isFinite(number) ? BigDecimal.valueOf(number) : null;
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString());
        }
        if (value instanceof CharSequence text && !text.toString().isBlank()) {
            try {
                return new BigDecimal(text.toString().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static Instant instant(Object value) {
        if (value instanceof Instant time) {
            return time;
        }
        if (value instanceof CharSequence text) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    private static String grouped(BigDecimal whole) {
        return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(whole);
    }
}
