package dev.flywheel.verify.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Removes secrets from tool parameters and outputs before they are stored or answered (SPEC §6):
 * values under secret-sounding keys, credentials in URLs, bearer tokens and secret query parameters.
 */
public final class SecretRedactor {

    public static final String REDACTED = "[REDACTED]";

    /** Keys whose values are secrets, wherever they appear. */
    static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(password|passwd|secret|token|api[_-]?key|authorization|credential|cookie|private[_-]?key).*");
    private static final Pattern URL_USERINFO = Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://)[^/@\\s]+@");
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]+");
    private static final Pattern SECRET_QUERY_PARAMETER = Pattern.compile(
            "(?i)([?&](?:[a-z0-9_-]*(?:password|secret|token|api[_-]?key|signature|sig))=)[^&#\\s]*");

    private SecretRedactor() {
    }

    public static JsonNode redact(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isObject()) {
            ObjectNode clean = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                boolean secret = SECRET_KEY.matcher(field.getKey()).matches() && !field.getValue().isContainerNode();
                clean.set(field.getKey(), secret ? TextNode.valueOf(REDACTED) : redact(field.getValue()));
            }
            return clean;
        }
        if (node.isArray()) {
            ArrayNode clean = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> clean.add(redact(element)));
            return clean;
        }
        return node.isTextual() ? TextNode.valueOf(redact(node.textValue())) : node;
    }

    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String clean = URL_USERINFO.matcher(text).replaceAll("$1" + REDACTED + "@");
        clean = BEARER.matcher(clean).replaceAll("$1 " + REDACTED);
        return SECRET_QUERY_PARAMETER.matcher(clean).replaceAll("$1" + REDACTED);
    }
}
