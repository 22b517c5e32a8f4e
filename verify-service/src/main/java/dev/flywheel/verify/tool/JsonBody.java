package dev.flywheel.verify.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads an HTTP body that ought to be JSON; anything else reads as an empty object, never an exception. */
public final class JsonBody {

    private JsonBody() {
    }

    public static JsonNode parse(ObjectMapper mapper, String body) {
        if (body == null || body.isBlank()) {
            return mapper.createObjectNode();
        }
        try {
            return mapper.readTree(body);
        } catch (JsonProcessingException notJson) {
            return mapper.createObjectNode();
        }
    }
}
