package dev.flywheel.verify.tool.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code data} of a successful Prometheus query answer, of any of the four result types, as
 * {@code prometheus_query}'s output (SPEC §10 "Tool answers are read correctly"):
 * <ul>
 * <li>{@code vector}: {@code samples: [{metric, value}]}, one per series;</li>
 * <li>{@code scalar}: {@code samples: [{metric: {}, value}]}, so "the current value" is read the same way;</li>
 * <li>{@code string}: {@code samples: [{metric: {}, value: "the text"}]};</li>
 * <li>{@code matrix}: {@code series: [{metric, values: [{timestamp, value}]}]}.</li>
 * </ul>
 * Float values are JSON numbers, except NaN and ±Inf, which stay the strings Prometheus sends
 * ({@link SampleValue}); {@code result_type} tells them from a string result's text. Instant samples
 * carry no timestamp: Prometheus stamps them with the evaluation time, which says nothing about the
 * state and would make two identical readings differ.
 */
public final class QueryResult {

    public static final String QUERY = "query";
    public static final String RESULT_TYPE = "result_type";
    public static final String SAMPLES = "samples";
    public static final String SERIES = "series";
    public static final String METRIC = "metric";
    public static final String VALUE = "value";
    public static final String VALUES = "values";
    public static final String TIMESTAMP = "timestamp";
    public static final String WARNINGS = "warnings";

    public static final String VECTOR = "vector";
    public static final String MATRIX = "matrix";
    public static final String SCALAR = "scalar";
    public static final String STRING = "string";

    /** Exact decimals, so a timestamp such as 1795960670.944 is written as Prometheus sent it. */
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private QueryResult() {
    }

    /** The output for {@code query} from the answer's {@code status}, {@code data} and {@code warnings}. */
    public static ObjectNode read(String query, JsonNode answer) {
        JsonNode data = answer.path("data");
        String type = data.path("resultType").asText("");
        JsonNode result = data.path("result");
        ObjectNode output = NODES.objectNode();
        output.put(QUERY, query);
        output.put(RESULT_TYPE, type);
        switch (type) {
            case VECTOR -> {
                ArrayNode samples = output.putArray(SAMPLES);
                requireArray(type, result).forEach(series -> samples.add(
                        sample(series.path(METRIC), SampleValue.toJson(value(series.path(VALUE))))));
            }
            case SCALAR -> output.putArray(SAMPLES).add(sample(NODES.objectNode(), SampleValue.toJson(value(result))));
            case STRING -> output.putArray(SAMPLES).add(sample(NODES.objectNode(), NODES.textNode(text(result))));
            case MATRIX -> {
                ArrayNode series = output.putArray(SERIES);
                requireArray(type, result).forEach(one -> series.add(series(one)));
            }
            default -> throw new IllegalStateException("Prometheus answered an unknown result type: " + type);
        }
        if (answer.path(WARNINGS).isArray() && !answer.path(WARNINGS).isEmpty()) {
            output.set(WARNINGS, answer.path(WARNINGS));
        }
        return output;
    }

    private static ObjectNode series(JsonNode series) {
        ObjectNode out = NODES.objectNode();
        out.set(METRIC, labels(series.path(METRIC)));
        ArrayNode values = out.putArray(VALUES);
        requireArray(MATRIX, series.path(VALUES)).forEach(pair -> {
            ObjectNode point = values.addObject();
            point.set(TIMESTAMP, timestamp(pair));
            point.set(VALUE, SampleValue.toJson(value(pair)));
        });
        return out;
    }

    private static ObjectNode sample(JsonNode metric, JsonNode value) {
        ObjectNode sample = NODES.objectNode();
        sample.set(METRIC, labels(metric));
        sample.set(VALUE, value);
        return sample;
    }

    private static JsonNode labels(JsonNode metric) {
        return metric.isObject() ? metric : NODES.objectNode();
    }

    /** The value of a {@code [timestamp, "value"]} pair. */
    private static double value(JsonNode pair) {
        return SampleValue.parse(text(pair));
    }

    private static String text(JsonNode pair) {
        if (!pair.isArray() || pair.size() != 2 || !pair.get(1).isTextual()) {
            throw new IllegalStateException("Prometheus answered a sample that is no [timestamp, \"value\"] pair: " + pair);
        }
        return pair.get(1).textValue();
    }

    private static JsonNode timestamp(JsonNode pair) {
        JsonNode time = pair.path(0);
        if (!time.isNumber()) {
            throw new IllegalStateException("Prometheus answered a sample without a timestamp: " + pair);
        }
        return NODES.numberNode(time.decimalValue());
    }

    private static JsonNode requireArray(String type, JsonNode node) {
        if (!node.isArray()) {
            throw new IllegalStateException("Prometheus answered a " + type + " whose result is not a list");
        }
        return node;
    }
}
