package dev.flywheel.gateway.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * Service answers as plain maps and lists, which Qute templates read by key ({@code agent.model_name}); the
 * templates escape every value they print.
 */
public final class JsonModel {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonModel() {
    }

    public static Object of(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : MAPPER.convertValue(node, Object.class);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(JsonNode node) {
        return node != null && node.isObject() ? MAPPER.convertValue(node, Map.class) : Map.of();
    }

    /** An element of {@link #items} as the map it is (an empty map for anything else). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> asMap(Object item) {
        return item instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** The {@code items} of a list answer (SPEC §3), or the array itself. */
    @SuppressWarnings("unchecked")
    public static List<Object> items(JsonNode node) {
        JsonNode items = node != null && node.isObject() ? node.path("items") : node;
        return items != null && items.isArray() ? MAPPER.convertValue(items, List.class) : List.of();
    }

    /** Pretty JSON for evidence and configs shown in {@code <pre>}. */
    public static String pretty(JsonNode node) {
        try {
            return node == null || node.isMissingNode() ? "" : MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (Exception e) {
            return node.toString();
        }
    }
}
