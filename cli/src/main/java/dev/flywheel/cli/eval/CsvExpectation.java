package dev.flywheel.cli.eval;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.util.List;

/**
 * An {@code __expected} cell of a CSV test file, read as promptfoo reads it: {@code type: value} for a known
 * type ({@code contains: Paris}), {@code grade:}/{@code llm-rubric:} for a rubric, {@code fn:}/{@code eval:}
 * for JavaScript, {@code python:} for Python, a bare {@code is-json}, and anything else as {@code equals}.
 */
final class CsvExpectation {

    private static final List<String> PREFIXED = List.of("not-icontains", "not-contains", "icontains-any",
            "icontains-all", "icontains", "contains-any", "contains-all", "contains-json", "contains", "equals",
            "starts-with", "regex", "not-regex", "is-json", "llm-rubric", "similar", "levenshtein", "javascript", "python");

    private CsvExpectation() {
    }

    static Assertion parse(String cell, Path file, int line, String column) {
        String text = cell.strip();
        String type = "equals";
        String value = text;
        if (text.startsWith("grade:")) {
            type = "llm-rubric";
            value = text.substring("grade:".length()).strip();
        } else if (text.startsWith("fn:") || text.startsWith("eval:")) {
            type = "javascript";
            value = text.substring(text.indexOf(':') + 1).strip();
        } else if (text.equals("is-json")) {
            type = "is-json";
            value = null;
        } else {
            for (String candidate : PREFIXED) {
                if (text.startsWith(candidate + ":")) {
                    type = candidate;
                    value = text.substring(candidate.length() + 1).strip();
                    break;
                }
            }
        }
        return new Assertion(type, value == null ? null : JsonNodeFactory.instance.textNode(value), null, 1.0, null, file,
                line, column);
    }
}
