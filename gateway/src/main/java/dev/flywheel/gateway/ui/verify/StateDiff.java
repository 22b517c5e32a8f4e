package dev.flywheel.gateway.ui.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The state before and after an action as one table: every leaf of either JSON document by its path
 * ({@code http_health.status}, {@code pods[0].phase}), with its value before and after and what happened to it,
 * changed rows first, so a reader sees what the action changed without comparing two JSON dumps.
 */
@TemplateData
public record StateDiff(List<Row> rows, int changes) {

    /** {@code change} is one of {@code changed}, {@code added}, {@code removed}, {@code same}. */
    @TemplateData
    public record Row(String path, String before, String after, String change) {

        public boolean same() {
            return "same".equals(change);
        }
    }

    /** Either state may be null (not collected): then every leaf of the other is added or removed. */
    static StateDiff of(JsonNode before, JsonNode after) {
        Map<String, String> old = flatten(before);
        Map<String, String> now = flatten(after);
        TreeSet<String> paths = new TreeSet<>(old.keySet());
        paths.addAll(now.keySet());
        List<Row> changed = new ArrayList<>();
        List<Row> same = new ArrayList<>();
        for (String path : paths) {
            String was = old.get(path);
            String is = now.get(path);
            if (was == null) {
                changed.add(new Row(path, null, is, "added"));
            } else if (is == null) {
                changed.add(new Row(path, was, null, "removed"));
            } else if (!was.equals(is)) {
                changed.add(new Row(path, was, is, "changed"));
            } else {
                same.add(new Row(path, was, is, "same"));
            }
        }
        int changes = changed.size();
        changed.addAll(same);
        return new StateDiff(List.copyOf(changed), changes);
    }

    static Map<String, String> flatten(JsonNode state) {
        Map<String, String> leaves = new LinkedHashMap<>();
        if (state != null && !state.isNull() && !state.isMissingNode()) {
            flatten("", state, leaves);
        }
        return leaves;
    }

    private static void flatten(String path, JsonNode node, Map<String, String> leaves) {
        if (node.isObject() && !node.isEmpty()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), leaves);
            }
        } else if (node.isArray() && !node.isEmpty()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), leaves);
            }
        } else if (!path.isEmpty()) {
            leaves.put(path, node.isTextual() ? node.asText() : node.toString());
        }
    }
}
