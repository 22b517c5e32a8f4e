package dev.flywheel.verify.assess;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A state document flattened to its keys and its scalar values, lower-cased, each value with the
 * key it sits under (array elements inherit the array's key). The assessor matches over this.
 */
final class FlatState {

    /** One scalar value and the name of the key that holds it ({@code ""} at the top level). */
    record Value(String key, String text, boolean isTrue) {
    }

    private final List<String> keys = new ArrayList<>();
    private final List<Value> values = new ArrayList<>();

    private FlatState() {
    }

    static FlatState of(JsonNode state) {
        FlatState flat = new FlatState();
        flat.walk("", state);
        return flat;
    }

    List<String> keys() {
        return keys;
    }

    List<Value> values() {
        return values;
    }

    private void walk(String key, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String name = lower(field.getKey());
                keys.add(name);
                walk(name, field.getValue());
            }
        } else if (node.isArray()) {
            node.forEach(element -> walk(key, element));
        } else {
            values.add(new Value(key, lower(node.asText()).trim(), node.isBoolean() && node.booleanValue()));
        }
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
