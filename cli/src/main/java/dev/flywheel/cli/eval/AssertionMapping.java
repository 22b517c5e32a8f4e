package dev.flywheel.cli.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * promptfoo assertion types → Flywheel scorer specs (the table in the README's CLI section). A type with no
 * faithful scorer is refused, naming the file, line and field, before anything is submitted.
 */
public final class AssertionMapping {

    /** The threshold of a deterministic assertion (it scores 0 or 1) unless it sets its own. */
    public static final double DETERMINISTIC_THRESHOLD = 1.0;
    /** promptfoo's default pass mark for llm-rubric. */
    public static final double RUBRIC_THRESHOLD = 0.5;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");
    private static final Set<String> MAPPED = new TreeSet<>(List.of("equals", "contains", "icontains", "contains-any",
            "icontains-any", "contains-all", "icontains-all", "not-contains", "not-icontains", "regex", "is-json",
            "starts-with", "llm-rubric"));

    private AssertionMapping() {
    }

    public static Set<String> mappedTypes() {
        return MAPPED;
    }

    /** The scorer spec that grades this assertion, named {@code name}; vars fill {@code {{var}}} in its value. */
    public static ObjectNode scorer(Assertion assertion, String name, JsonNode vars) {
        String type = assertion.type();
        if (type == null || type.isBlank()) {
            throw assertion.refuse("an assertion needs a type; supported: " + String.join(", ", MAPPED));
        }
        if (type.equals("javascript") || type.equals("python") || type.startsWith("not-javascript")
                || type.startsWith("not-python")) {
            throw assertion.refuse("assertion type '" + type + "' runs code, which Flywheel does not do on its servers;"
                    + " express it with a deterministic type (" + String.join(", ", MAPPED) + ")");
        }
        if (!MAPPED.contains(type)) {
            throw assertion.refuse("assertion type '" + type + "' has no Flywheel scorer; supported: "
                    + String.join(", ", MAPPED));
        }
        ObjectNode spec = NODES.objectNode().put("name", name);
        switch (type) {
            case "equals" -> spec.put("type", "exact_match").put("expected", text(assertion, vars))
                    .put("case_sensitive", true);
            case "contains", "icontains" -> contains(spec, List.of(text(assertion, vars)), "any", type.equals("contains"));
            case "contains-any", "icontains-any" -> contains(spec, list(assertion, vars), "any", !type.startsWith("i"));
            case "contains-all", "icontains-all" -> contains(spec, list(assertion, vars), "all", !type.startsWith("i"));
            case "not-contains", "not-icontains" -> {
                spec.put("type", "keyword").put("case_sensitive", type.equals("not-contains"));
                spec.putArray("required_absent").add(text(assertion, vars));
            }
            case "regex" -> spec.put("type", "regex").put("pattern", text(assertion, vars));
            case "starts-with" -> spec.put("type", "regex").put("pattern", "^" + literal(text(assertion, vars)));
            case "is-json" -> {
                spec.put("type", "json_valid");
                if (assertion.value() != null && assertion.value().isObject()) {
                    spec.set("schema", assertion.value());
                } else if (assertion.value() != null && !assertion.value().isNull()) {
                    throw assertion.refuse("is-json takes a JSON Schema object as its value, or none");
                }
            }
            case "llm-rubric" -> {
                spec.put("type", "llm_judge").put("criteria", text(assertion, vars));
                if (assertion.judgeModel() != null) {
                    spec.put("model", assertion.judgeModel());
                }
            }
            default -> throw new IllegalStateException("mapped type without a scorer: " + type);
        }
        return spec;
    }

    /** The score at which the assertion passes: its own threshold, else 0.5 for llm-rubric and 1.0 for the rest. */
    public static double threshold(Assertion assertion) {
        if (assertion.threshold() != null) {
            return assertion.threshold();
        }
        return "llm-rubric".equals(assertion.type()) ? RUBRIC_THRESHOLD : DETERMINISTIC_THRESHOLD;
    }

    /** {@code {{ name }}} replaced by the test's var, as promptfoo renders assertion values (unknown names: empty). */
    public static String render(String template, JsonNode vars) {
        Matcher matcher = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            JsonNode value = vars == null ? null : vars.get(matcher.group(1));
            String replacement = value == null || value.isNull() ? "" : value.isTextual() ? value.asText() : value.toString();
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static void contains(ObjectNode spec, List<String> values, String mode, boolean caseSensitive) {
        spec.put("type", "contains").put("mode", mode).put("case_sensitive", caseSensitive);
        ArrayNode array = spec.putArray("values");
        values.forEach(array::add);
    }

    private static String text(Assertion assertion, JsonNode vars) {
        JsonNode value = assertion.value();
        if (value == null || value.isNull() || value.isMissingNode()) {
            throw assertion.refuse("assertion type '" + assertion.type() + "' needs a value");
        }
        if (value.isContainerNode()) {
            if (assertion.type().equals("equals")) {
                return value.toString();
            }
            throw assertion.refuse("assertion type '" + assertion.type() + "' takes a single value, not a list or object");
        }
        return render(value.asText(), vars);
    }

    private static List<String> list(Assertion assertion, JsonNode vars) {
        JsonNode value = assertion.value();
        List<String> values = new ArrayList<>();
        if (value != null && value.isArray()) {
            value.forEach(item -> values.add(render(item.asText(), vars)));
        } else if (value != null && value.isValueNode() && !value.isNull()) {
            // promptfoo splits a string value of contains-any / contains-all on commas.
            for (String part : render(value.asText(), vars).split(",")) {
                values.add(part.trim());
            }
        }
        if (values.isEmpty()) {
            throw assertion.refuse("assertion type '" + assertion.type() + "' needs a list of values");
        }
        return values;
    }

    /** A RE2 pattern matching the text literally. */
    static String literal(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if ("\\.[]{}()*+?^$|".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
