package dev.flywheel.run.template;

import java.util.Map;
import java.util.Set;

/** One lexer token; {@code type} is Jinja2's token type name, or the operator itself for operators. */
record Token(String type, String value, int line, Object literal) {

    static final String NAME = "name";
    static final String STRING = "string";
    static final String INTEGER = "integer";
    static final String FLOAT = "float";
    static final String DATA = "data";
    static final String VARIABLE_BEGIN = "variable_begin";
    static final String VARIABLE_END = "variable_end";
    static final String BLOCK_BEGIN = "block_begin";
    static final String BLOCK_END = "block_end";
    static final String EOF = "eof";

    static final Set<String> OPERATORS = Set.of("+", "-", "/", "//", "*", "%", "**", "~", "[", "]", "(", ")", "{",
            "}", "==", "!=", ">", ">=", "<", "<=", "=", ".", ":", "|", ",", ";");

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            VARIABLE_BEGIN, "begin of print statement", VARIABLE_END, "end of print statement",
            BLOCK_BEGIN, "begin of statement block", BLOCK_END, "end of statement block",
            DATA, "template data / text", EOF, "end of template");

    /** Jinja2's describe_token: a name is its value, anything else its type in words. */
    String describe() {
        return type.equals(NAME) ? value : describeType(type);
    }

    static String describeType(String type) {
        return DESCRIPTIONS.getOrDefault(type, type);
    }

    /** Jinja2's describe_token_expr for {@code type} or {@code type:value}. */
    static String describeExpr(String expr) {
        int colon = expr.indexOf(':');
        if (colon > 0 && !OPERATORS.contains(expr)) {
            String type = expr.substring(0, colon);
            return type.equals(NAME) ? expr.substring(colon + 1) : type;
        }
        return describeType(expr);
    }

    boolean is(String type) {
        return this.type.equals(type);
    }

    /** {@code name:if} style test, or a bare type. */
    boolean test(String expr) {
        int colon = expr.indexOf(':');
        if (colon > 0 && !OPERATORS.contains(expr)) {
            return type.equals(expr.substring(0, colon)) && value.equals(expr.substring(colon + 1));
        }
        return type.equals(expr);
    }

    boolean isName(String name) {
        return type.equals(NAME) && value.equals(name);
    }
}
