package dev.flywheel.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Refuses, while reading a request body, text that Postgres will not store: the NUL character (in {@code text}
 * and {@code jsonb} alike) and unpaired UTF-16 surrogates (no UTF-8 encoding exists for them). Caught here, the
 * refusal is a 400 naming the field (SPEC §10, item 7 of issue 15) instead of a database error after the fact.
 */
@Singleton
public class StorableText implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("flywheel-storable-text");
        module.addDeserializer(String.class, new Strings());
        module.addDeserializer(JsonNode.class, new Trees<>(JsonNode.class));
        module.addDeserializer(ObjectNode.class, new Trees<>(ObjectNode.class));
        mapper.registerModule(module);
    }

    /** What is wrong with the text for Postgres, or null when it can be stored. */
    public static String problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "must not contain the NUL character (\\u0000)";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "must not contain an unpaired surrogate (\\u" + Integer.toHexString(c).toUpperCase(Locale.ROOT) + ")";
            }
            if (Character.isLowSurrogate(c)) {
                return "must not contain an unpaired surrogate (\\u" + Integer.toHexString(c).toUpperCase(Locale.ROOT) + ")";
            }
        }
        return null;
    }

    private static final class Strings extends StdDeserializer<String> {

        Strings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            String problem = text == null ? null : problem(text);
            if (problem != null) {
                throw JsonMappingException.from(parser, problem);
            }
            return text;
        }
    }

    private static final class Trees<T extends JsonNode> extends StdDeserializer<T> {

        private final Class<T> type;

        Trees(Class<T> type) {
            super(type);
            this.type = type;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            // Jackson's own tree reader, not context.readTree: that would come back here for JsonNode.
            JsonNode tree = (JsonNode) JsonNodeDeserializer.getDeserializer(type).deserialize(parser, context);
            String problem = find(tree, "");
            if (problem != null) {
                throw JsonMappingException.from(parser, problem);
            }
            return type.cast(tree);
        }

        /** As Jackson's own: a JSON null in a {@code JsonNode} property is a NullNode, in an ObjectNode one null. */
        @Override
        public T getNullValue(DeserializationContext context) {
            return type.isInstance(NullNode.getInstance()) ? type.cast(NullNode.getInstance()) : null;
        }

        /** As Jackson's own: an absent property is null, not a NullNode, so "not sent" stays tellable from null. */
        @Override
        public Object getAbsentValue(DeserializationContext context) {
            return null;
        }

        private static String find(JsonNode node, String at) {
            if (node.isTextual()) {
                String problem = problem(node.textValue());
                return problem == null ? null : located(at, problem);
            }
            if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    String inKey = problem(field.getKey());
                    if (inKey != null) {
                        return located(at, "a key " + inKey);
                    }
                    String found = find(field.getValue(), at.isEmpty() ? field.getKey() : at + "." + field.getKey());
                    if (found != null) {
                        return found;
                    }
                }
            }
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    String found = find(node.get(i), at + "[" + i + "]");
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        }

        private static String located(String at, String problem) {
            return at.isEmpty() ? problem : at + ": " + problem;
        }
    }
}
