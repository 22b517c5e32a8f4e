package dev.flywheel.run.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;

/**
 * 1 when the output is JSON (a surrounding Markdown code fence is allowed: models add one) and, when
 * the spec has a {@code schema}, valid against that JSON Schema (draft 2020-12); else 0.
 */
@ApplicationScoped
public class JsonValidScorerType implements ScorerType {

    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private final ObjectMapper mapper;

    public JsonValidScorerType(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public String type() {
        return "json_valid";
    }

    @Override
    public Scorer create(String name, JsonNode spec) {
        JsonNode schemaNode = spec.get("schema");
        JsonSchema schema;
        if (schemaNode == null || schemaNode.isNull()) {
            schema = null;
        } else if (!schemaNode.isObject()) {
            throw new InvalidScorerSpec("schema", "must be a JSON Schema object");
        } else {
            try {
                schema = SCHEMAS.getSchema(schemaNode);
            } catch (RuntimeException e) {
                throw new InvalidScorerSpec("schema", "is not a usable JSON Schema: " + e.getMessage());
            }
        }
        return new SyncScorer(name, input -> {
            JsonNode parsed;
            try {
                parsed = mapper.readTree(unfenced(input.output()));
            } catch (IOException notJson) {
                return 0.0;
            }
            if (parsed == null || parsed.isMissingNode()) {
                return 0.0;
            }
            return schema == null || schema.validate(parsed).isEmpty() ? 1.0 : 0.0;
        });
    }

    static String unfenced(String output) {
        String text = output.trim();
        if (text.startsWith("```") && text.endsWith("```") && text.length() >= 6) {
            String inner = text.substring(3, text.length() - 3);
            int newline = inner.indexOf('\n');
            return newline < 0 ? inner : inner.substring(newline + 1);
        }
        return text;
    }
}
