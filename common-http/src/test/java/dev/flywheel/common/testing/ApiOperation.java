package dev.flywheel.common.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One operation of a service's OpenAPI document: its method, path template, path and query parameters and the
 * JSON properties of its request body (empty when it takes no JSON body).
 */
record ApiOperation(String method, String path, List<String> pathParameters, List<String> queryParameters,
        boolean takesJson, Map<String, Kind> bodyProperties) {

    /** What a body property holds, as far as choosing a value of the wrong type goes. */
    enum Kind {
        STRING, NUMBER, BOOLEAN, OBJECT, ARRAY, ANY
    }

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

    /** {@code POST /api/agents}: how cases name the operation, and how a service names known operations. */
    String label() {
        return method + " " + path;
    }

    boolean writes() {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    /** The path with every parameter replaced by its value (inserted as is: the caller encodes). */
    String expand(Map<String, String> values) {
        Matcher matcher = PARAMETER.matcher(path);
        StringBuilder expanded = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(expanded, Matcher.quoteReplacement(values.get(matcher.group(1))));
        }
        return matcher.appendTail(expanded).toString();
    }

    /** Every operation of the document, in document order. */
    static List<ApiOperation> allOf(JsonNode openApi) {
        List<ApiOperation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            List<String> parameters = new ArrayList<>();
            Matcher matcher = PARAMETER.matcher(path.getKey());
            while (matcher.find()) {
                parameters.add(matcher.group(1));
            }
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext();) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (!METHODS.contains(method.getKey())) {
                    continue;
                }
                JsonNode json = method.getValue().path("requestBody").path("content").path("application/json");
                Map<String, Kind> properties = json.isMissingNode() ? Map.of()
                        : properties(openApi, resolve(openApi, json.path("schema")));
                List<String> query = new ArrayList<>();
                for (JsonNode parameter : path.getValue().path("parameters")) {
                    addIfQuery(parameter, query);
                }
                for (JsonNode parameter : method.getValue().path("parameters")) {
                    addIfQuery(parameter, query);
                }
                operations.add(new ApiOperation(method.getKey().toUpperCase(Locale.ROOT), path.getKey(),
                        List.copyOf(parameters), List.copyOf(query), !json.isMissingNode(), properties));
            }
        }
        return operations;
    }

    private static void addIfQuery(JsonNode parameter, List<String> query) {
        if (parameter.path("in").asText().equals("query") && !query.contains(parameter.path("name").asText())) {
            query.add(parameter.path("name").asText());
        }
    }

    private static Map<String, Kind> properties(JsonNode openApi, JsonNode schema) {
        Map<String, Kind> properties = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = schema.path("properties").fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            properties.put(field.getKey(), kind(resolve(openApi, field.getValue())));
        }
        return properties;
    }

    private static Kind kind(JsonNode schema) {
        JsonNode type = schema.path("type");
        String name = type.isArray() ? firstNonNull(type) : type.asText("");
        return switch (name) {
            case "string" -> Kind.STRING;
            case "integer", "number" -> Kind.NUMBER;
            case "boolean" -> Kind.BOOLEAN;
            case "object" -> Kind.OBJECT;
            case "array" -> Kind.ARRAY;
            default -> schema.has("properties") ? Kind.OBJECT : Kind.ANY;
        };
    }

    private static String firstNonNull(JsonNode types) {
        for (JsonNode type : types) {
            if (!type.asText().equals("null")) {
                return type.asText();
            }
        }
        return "";
    }

    /** The schema itself, or what its {@code $ref} (possibly inside a one-element {@code allOf}) points at. */
    private static JsonNode resolve(JsonNode openApi, JsonNode schema) {
        JsonNode current = schema;
        for (int hops = 0; hops < 10; hops++) {
            if (current.has("$ref")) {
                String ref = current.get("$ref").asText();
                current = openApi.at(ref.substring(1));
            } else if (current.path("allOf").size() == 1) {
                current = current.path("allOf").get(0);
            } else {
                return current;
            }
        }
        return current;
    }
}
