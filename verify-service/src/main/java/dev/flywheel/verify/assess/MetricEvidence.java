package dev.flywheel.verify.assess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.verify.tool.prometheus.PrometheusQueryTool;
import dev.flywheel.verify.tool.prometheus.QueryResult;
import dev.flywheel.verify.tool.prometheus.SampleValue;
import java.util.ArrayList;
import java.util.List;

/**
 * How the assessor reads a {@code prometheus_query} reading in a state document: by its values, not
 * by the words in it. The query and a series' labels name what was asked for, they do not describe its
 * state (the series {@code kube_pod_status_phase{phase="Failed"}} holds 0 for a pod that has not
 * failed, and a container may be called {@code crashloopbackoff-demo}), so they are never matched as
 * signals. A NaN or ±Inf reading
 * (a memory ratio over a zero limit, a rate of nothing) is not a healthy state.
 */
final class MetricEvidence {

    private MetricEvidence() {
    }

    /** {@code state} without the query and series labels of its Prometheus reading; the input is left as it is. */
    static JsonNode withoutQueryAndLabels(JsonNode state) {
        JsonNode reading = state.path(PrometheusQueryTool.NAME);
        if (!state.isObject() || !reading.isObject()) {
            return state;
        }
        ObjectNode copy = state.deepCopy();
        ObjectNode readingCopy = (ObjectNode) copy.get(PrometheusQueryTool.NAME);
        readingCopy.remove(QueryResult.QUERY);
        readingCopy.path(QueryResult.SAMPLES).forEach(MetricEvidence::dropLabels);
        readingCopy.path(QueryResult.SERIES).forEach(MetricEvidence::dropLabels);
        return copy;
    }

    /** Whether the current value of any Prometheus series or sample in {@code state} is NaN or ±Inf. */
    static boolean hasNonFiniteReading(JsonNode state) {
        JsonNode reading = state == null ? null : state.path(PrometheusQueryTool.NAME);
        if (reading == null || !reading.isObject() || QueryResult.STRING.equals(reading.path(QueryResult.RESULT_TYPE).asText())) {
            return false;
        }
        return currentValues(reading).stream().anyMatch(SampleValue::isNonFinite);
    }

    /** Each sample's value, and each series' latest value: what the metric says now. */
    private static List<JsonNode> currentValues(JsonNode reading) {
        List<JsonNode> values = new ArrayList<>();
        reading.path(QueryResult.SAMPLES).forEach(sample -> values.add(sample.path(QueryResult.VALUE)));
        reading.path(QueryResult.SERIES).forEach(series -> {
            JsonNode points = series.path(QueryResult.VALUES);
            if (!points.isEmpty()) {
                values.add(points.get(points.size() - 1).path(QueryResult.VALUE));
            }
        });
        return values;
    }

    private static void dropLabels(JsonNode sampleOrSeries) {
        if (sampleOrSeries instanceof ObjectNode object) {
            object.remove(QueryResult.METRIC);
        }
    }
}
