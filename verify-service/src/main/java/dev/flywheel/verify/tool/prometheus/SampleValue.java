package dev.flywheel.verify.tool.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Set;

/**
 * A Prometheus sample value. The HTTP API sends every float as a string in Go's format, with
 * {@code NaN}, {@code +Inf} and {@code -Inf} for the values JSON has no number for (which Java's
 * {@link Double#parseDouble} does not read: it wants {@code Infinity}).
 */
public final class SampleValue {

    public static final String NAN = "NaN";
    public static final String POSITIVE_INFINITY = "+Inf";
    public static final String NEGATIVE_INFINITY = "-Inf";
    /** How a non-finite value appears in a tool's output: the string Prometheus sent. */
    public static final Set<String> NON_FINITE = Set.of(NAN, POSITIVE_INFINITY, NEGATIVE_INFINITY);

    private SampleValue() {
    }

    /** The float a Prometheus value string stands for; fails on anything that is no float. */
    public static double parse(String text) {
        return switch (text) {
            case NAN -> Double.NaN;
            case POSITIVE_INFINITY, "Inf" -> Double.POSITIVE_INFINITY;
            case NEGATIVE_INFINITY -> Double.NEGATIVE_INFINITY;
            default -> {
                // Go never writes "Infinity" or hex floats, and Java would read them: refuse rather than guess.
                if (!text.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
                    throw new IllegalStateException("Prometheus sent a sample value that is no number: " + text);
                }
                yield Double.parseDouble(text);
            }
        };
    }

    /** A finite value as a JSON number; NaN and infinities as Prometheus spells them. */
    public static JsonNode toJson(double value) {
        if (Double.isNaN(value)) {
            return JsonNodeFactory.instance.textNode(NAN);
        }
        if (Double.isInfinite(value)) {
            return JsonNodeFactory.instance.textNode(value > 0 ? POSITIVE_INFINITY : NEGATIVE_INFINITY);
        }
        return JsonNodeFactory.instance.numberNode(value);
    }

    /** Whether a value in a tool's output is one of the non-finite markers. */
    public static boolean isNonFinite(JsonNode value) {
        return value.isTextual() && NON_FINITE.contains(value.textValue());
    }
}
