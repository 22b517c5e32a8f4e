package dev.flywheel.run.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The response cache key (SPEC §5): SHA-256 hex of the canonical JSON of
 * {@code {prompt (rendered), model, params, input_data}}, plus {@code repeat} when it is above 0 so that
 * repeated runs of one configuration ask the model again instead of reading one answer back.
 */
public final class CacheKey {

    private CacheKey() {
    }

    public static String of(String renderedPrompt, String model, JsonNode params, JsonNode inputData, int repeat) {
        ObjectNode key = JsonNodeFactory.instance.objectNode();
        key.put("prompt", renderedPrompt);
        key.put("model", model);
        key.set("params", params == null || params.isNull() ? JsonNodeFactory.instance.objectNode() : params);
        key.set("input_data", inputData == null ? JsonNodeFactory.instance.nullNode() : inputData);
        if (repeat > 0) {
            key.put("repeat", repeat);
        }
        return CanonicalJson.sha256Hex(key);
    }
}
