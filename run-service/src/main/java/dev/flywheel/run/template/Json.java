package dev.flywheel.run.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Jinja2's tojson: json.dumps with sorted keys and ASCII escapes, then made safe to put in HTML. */
final class Json {

    private Json() {
    }

    static String dumps(Object value, int indent) {
        StringBuilder out = new StringBuilder();
        write(value, out, indent, 0);
        return out.toString();
    }

    static String htmlSafe(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027");
    }

    private static void write(Object value, StringBuilder out, int indent, int level) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (value instanceof Double d) {
            out.append(d.isNaN() ? "NaN" : d.isInfinite() ? (d > 0 ? "Infinity" : "-Infinity") : Py.floatRepr(d));
        } else if (Py.isInt(value)) {
            out.append(value);
        } else if (value instanceof String s) {
            string(s, out);
        } else if (value instanceof Map<?, ?> map) {
            List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            entries.sort((x, y) -> Py.compare(x.getKey(), y.getKey()));
            out.append('{');
            for (int i = 0; i < entries.size(); i++) {
                separator(out, i, indent, level + 1);
                string(Py.str(entries.get(i).getKey()), out);
                out.append(": ");
                write(entries.get(i).getValue(), out, indent, level + 1);
            }
            close(out, '}', entries.isEmpty(), indent, level);
        } else if (value instanceof List || value instanceof PyTuple) {
            List<Object> items = Py.iterate(value);
            out.append('[');
            for (int i = 0; i < items.size(); i++) {
                separator(out, i, indent, level + 1);
                write(items.get(i), out, indent, level + 1);
            }
            close(out, ']', items.isEmpty(), indent, level);
        } else {
            throw TemplateError.type("Object of type " + Py.typeName(value) + " is not JSON serializable");
        }
    }

    private static void separator(StringBuilder out, int i, int indent, int level) {
        if (i > 0) {
            out.append(indent < 0 ? ", " : ",");
        }
        if (indent >= 0) {
            out.append('\n').append(" ".repeat(indent * level));
        }
    }

    private static void close(StringBuilder out, char bracket, boolean empty, int indent, int level) {
        if (indent >= 0 && !empty) {
            out.append('\n').append(" ".repeat(indent * level));
        }
        out.append(bracket);
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
