package dev.flywheel.verify.tool.prometheus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Answers recorded from a real Prometheus 2.42.0 (src/test/resources/prometheus-2.42.0/README.md says
 * how), with the query that produced each and the HTTP status it came with.
 */
public enum RecordedPrometheus {
    INSTANT_UP("instant-up", "up", 200),
    INSTANT_EMPTY("instant-empty", "up{job=\"nothing\"}", 200),
    INSTANT_VECTOR_MIXED("instant-vector-mixed",
            "label_replace(vector(1),\"k\",\"a\",\"\",\"\") or label_replace(vector(0)/0,\"k\",\"b\",\"\",\"\")"
                    + " or label_replace(-vector(1)/0,\"k\",\"c\",\"\",\"\")", 200),
    INSTANT_NUMBER("instant-number", "1", 200),
    INSTANT_SCALAR_OF_VECTOR("instant-scalar-of-vector", "scalar(vector(1))", 200),
    INSTANT_SCALAR_OF_NUMBER_ERROR("instant-scalar-of-number-error", "scalar(1)", 400),
    INSTANT_POSITIVE_INFINITY("instant-positive-infinity", "1/0", 200),
    INSTANT_NEGATIVE_INFINITY("instant-negative-infinity", "-1/0", 200),
    INSTANT_NAN("instant-nan", "0/0", 200),
    INSTANT_STRING("instant-string", "\"a string\"", 200),
    INSTANT_MATRIX("instant-matrix", "up[1m]", 200),
    INSTANT_PARSE_ERROR("instant-parse-error", "up{", 400),
    INSTANT_EXECUTION_ERROR("instant-execution-error", "vector(1) * on() (label_replace(vector(1),\"a\",\"1\",\"\",\"\")"
            + " or label_replace(vector(1),\"a\",\"2\",\"\",\"\"))", 422),
    RANGE_UP("range-up", "up", 200),
    RANGE_NAN("range-nan", "0/0", 200),
    RANGE_POSITIVE_INFINITY("range-positive-infinity", "1/0", 200),
    RANGE_SCALAR_OF_VECTOR("range-scalar-of-vector", "scalar(vector(1))", 200),
    RANGE_SCALAR_OF_NUMBER_ERROR("range-scalar-of-number-error", "scalar(1)", 400),
    RANGE_OF_STRING_ERROR("range-of-string-error", "\"a string\"", 400),
    RANGE_OF_RANGE_VECTOR_ERROR("range-of-range-vector-error", "up[1m]", 400);

    private final String file;
    private final String query;
    private final int status;

    RecordedPrometheus(String file, String query, int status) {
        this.file = file;
        this.query = query;
        this.status = status;
    }

    public String query() {
        return query;
    }

    public int status() {
        return status;
    }

    /** The response body exactly as Prometheus sent it. */
    public String body() {
        String resource = "/prometheus-2.42.0/" + file + ".json";
        try (InputStream in = RecordedPrometheus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
