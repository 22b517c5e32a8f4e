package dev.flywheel.verify.tool.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every result type of a real Prometheus 2.42 answer, read into {@code prometheus_query}'s output. */
class QueryResultTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode read(RecordedPrometheus answer) {
        return QueryResult.read(answer.query(), json(answer.body()));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static String written(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anInstantVectorGivesOneSamplePerSeriesWithItsLabelsAndNumber() {
        ObjectNode output = read(RecordedPrometheus.INSTANT_UP);

        assertThat(written(output)).isEqualTo("{\"query\":\"up\",\"result_type\":\"vector\",\"samples\":[{\"metric\":"
                + "{\"__name__\":\"up\",\"instance\":\"127.0.0.1:51181\",\"job\":\"prometheus\"},\"value\":1.0}]}");
    }

    @Test
    void anEmptyVectorGivesNoSamples() {
        ObjectNode output = read(RecordedPrometheus.INSTANT_EMPTY);

        assertThat(output.path("result_type").asText()).isEqualTo("vector");
        assertThat(output.path("samples").isArray()).isTrue();
        assertThat(output.path("samples")).isEmpty();
    }

    @Test
    void nanAndInfinitiesInAVectorStayTheStringsPrometheusSent() {
        ObjectNode output = read(RecordedPrometheus.INSTANT_VECTOR_MIXED);

        assertThat(output.path("samples")).hasSize(3);
        assertThat(output.at("/samples/0/metric/k").asText()).isEqualTo("a");
        assertThat(output.at("/samples/0/value").isNumber()).isTrue();
        assertThat(output.at("/samples/0/value").doubleValue()).isEqualTo(1.0);
        assertThat(output.at("/samples/1/value").textValue()).isEqualTo("NaN");
        assertThat(output.at("/samples/2/value").textValue()).isEqualTo("-Inf");
    }

    @ParameterizedTest
    @EnumSource(names = {"INSTANT_NUMBER", "INSTANT_SCALAR_OF_VECTOR"})
    void aScalarIsOneSampleWithoutLabels(RecordedPrometheus answer) {
        ObjectNode output = read(answer);

        assertThat(output.path("result_type").asText()).isEqualTo("scalar");
        assertThat(output.path("samples")).hasSize(1);
        assertThat(output.at("/samples/0/metric").isObject()).isTrue();
        assertThat(output.at("/samples/0/metric")).isEmpty();
        assertThat(output.at("/samples/0/value").isNumber()).isTrue();
        assertThat(output.at("/samples/0/value").doubleValue()).isEqualTo(1.0);
    }

    @Test
    void scalarInfinitiesAndNanAreKept() {
        assertThat(read(RecordedPrometheus.INSTANT_POSITIVE_INFINITY).at("/samples/0/value").textValue()).isEqualTo("+Inf");
        assertThat(read(RecordedPrometheus.INSTANT_NEGATIVE_INFINITY).at("/samples/0/value").textValue()).isEqualTo("-Inf");
        assertThat(read(RecordedPrometheus.INSTANT_NAN).at("/samples/0/value").textValue()).isEqualTo("NaN");
        assertThat(read(RecordedPrometheus.INSTANT_NAN).path("result_type").asText()).isEqualTo("scalar");
    }

    @Test
    void aStringResultIsItsText() {
        ObjectNode output = read(RecordedPrometheus.INSTANT_STRING);

        assertThat(written(output)).isEqualTo(
                "{\"query\":\"\\\"a string\\\"\",\"result_type\":\"string\",\"samples\":[{\"metric\":{},\"value\":\"a string\"}]}");
    }

    @Test
    void aRangeVectorFromAnInstantQueryKeepsEverySampleWithItsTimestamp() {
        JsonNode recorded = json(RecordedPrometheus.INSTANT_MATRIX.body()).at("/data/result/0/values");
        ObjectNode output = read(RecordedPrometheus.INSTANT_MATRIX);

        assertThat(output.path("result_type").asText()).isEqualTo("matrix");
        assertThat(output.has("samples")).isFalse();
        assertThat(output.path("series")).hasSize(1);
        assertThat(output.at("/series/0/metric/job").asText()).isEqualTo("prometheus");
        JsonNode values = output.at("/series/0/values");
        assertThat(values).hasSize(recorded.size()).hasSizeGreaterThan(1);
        // As Prometheus wrote it (1795960670.944), not as a double prints (1.795960670944E9).
        assertThat(written(values.get(0))).isEqualTo("{\"timestamp\":1795960670.944,\"value\":1.0}");
    }

    @Test
    void rangeAnswersAreMatricesWithTheirNonFiniteValues() {
        ObjectNode up = read(RecordedPrometheus.RANGE_UP);
        assertThat(up.at("/series/0/values")).hasSize(6);
        assertThat(written(up.at("/series/0/values/0/timestamp"))).isEqualTo("1795960695");

        List<String> nan = new ArrayList<>();
        read(RecordedPrometheus.RANGE_NAN).at("/series/0/values").forEach(point -> nan.add(point.path("value").textValue()));
        assertThat(nan).containsExactly("NaN", "NaN", "NaN");
        assertThat(read(RecordedPrometheus.RANGE_POSITIVE_INFINITY).at("/series/0/values/2/value").textValue()).isEqualTo("+Inf");
        assertThat(read(RecordedPrometheus.RANGE_SCALAR_OF_VECTOR).at("/series/0/metric")).isEmpty();
    }

    @Test
    void warningsArePassedOn() {
        JsonNode answer = json("{\"status\":\"success\",\"warnings\":[\"partial response\"],"
                + "\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"2\"]}}");

        assertThat(QueryResult.read("x", answer).path("warnings").get(0).asText()).isEqualTo("partial response");
    }

    @Test
    void anAnswerThatIsNoPrometheusResultIsRefusedNotReadAsEmpty() {
        for (Map.Entry<String, String> bad : Map.of(
                "unknown result type", "{\"data\":{\"resultType\":\"histogram\",\"result\":[]}}",
                "no result type", "{\"data\":{}}",
                "no [timestamp", "{\"data\":{\"resultType\":\"scalar\",\"result\":\"1\"}}",
                "is no number", "{\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\"Infinity\"]}]}}",
                "not a list", "{\"data\":{\"resultType\":\"matrix\",\"result\":{}}}",
                "without a timestamp", "{\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},\"values\":[[\"t\",\"1\"]]}]}}")
                .entrySet()) {
            assertThatThrownBy(() -> QueryResult.read("q", json(bad.getValue()))).as(bad.getKey())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining(bad.getKey().replace("no result type", "unknown result type"));
        }
    }
}
