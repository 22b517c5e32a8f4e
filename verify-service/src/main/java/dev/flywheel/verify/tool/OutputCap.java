package dev.flywheel.verify.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.verify.VerifyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;

/**
 * Bounds what a tool call stores and answers: an output larger than {@code verify.tools.max-output-bytes}
 * becomes {@code {truncated, original_bytes, preview}}, the preview being the start of its JSON text,
 * so the evidence keeps its first words (and the signals in them) without unbounded rows.
 */
@ApplicationScoped
public class OutputCap {

    private final ObjectMapper mapper;
    private final int maxBytes;

    public OutputCap(ObjectMapper mapper, VerifyConfig config) {
        this.mapper = mapper;
        this.maxBytes = config.tools().maxOutputBytes();
    }

    public JsonNode apply(JsonNode output) {
        String json;
        try {
            json = mapper.writeValueAsString(output);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tool output could not be serialised", e);
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return output;
        }
        ObjectNode capped = mapper.createObjectNode();
        capped.put("truncated", true);
        capped.put("original_bytes", bytes.length);
        capped.put("preview", new String(bytes, 0, maxBytes, StandardCharsets.UTF_8));
        return capped;
    }
}
