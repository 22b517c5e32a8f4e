package dev.flywheel.run.template;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jinja2's lexer with {@code Environment()} defaults: {@code {{ }}}, {@code {% %}}, {@code {# #}}, whitespace
 * control with {@code -}, {@code {% raw %}}, no line statements, newlines normalised to {@code \n} and one trailing
 * newline dropped ({@code keep_trailing_newline=False}). Errors use Jinja2's messages and lines.
 */
final class Lexer {

    private static final Pattern FLOAT = Pattern.compile(
            "(?<!\\.)(\\d+_)*\\d+((\\.(\\d+_)*\\d+)?[eE][+\\-]?(\\d+_)*\\d+|\\.(\\d+_)*\\d+)");
    private static final Pattern INTEGER = Pattern.compile(
            "(0[bB](_?[01])+|0[oO](_?[0-7])+|0[xX](_?[\\da-fA-F])+|[1-9](_?\\d)*|0(_?0)*)");
    private static final Pattern NAME = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_]*");
    private static final Pattern STRING = Pattern.compile("('([^'\\\\]*(?:\\\\.[^'\\\\]*)*)'|\"([^\"\\\\]*(?:\\\\.[^\"\\\\]*)*)\")",
            Pattern.DOTALL);
    private static final Pattern RAW_BEGIN = Pattern.compile("\\{%([-+]?)\\s*raw\\s*(-%}\\s*|%})");
    private static final Pattern RAW_END = Pattern.compile("\\{%([-+]?)\\s*endraw\\s*(\\+%}|-%}\\s*|%})");
    private static final Pattern COMMENT_END = Pattern.compile("(\\+#}|-#}\\s*|#})");

    private final String source;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int line = 1;

    private Lexer(String source) {
        this.source = source;
    }

    static List<Token> tokenize(String template) {
        String normalized = template.replace("\r\n", "\n").replace('\r', '\n');
        if (normalized.endsWith("\n")) {
            normalized = normalized.substring(0, normalized.length() - 1);
        }
        Lexer lexer = new Lexer(normalized);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (pos < source.length()) {
            int tag = nextTag(pos);
            String text = source.substring(pos, tag < 0 ? source.length() : tag);
            if (tag >= 0 && tag + 2 < source.length() && source.charAt(tag + 2) == '-') {
                text = text.stripTrailing();
            }
            if (!text.isEmpty()) {
                tokens.add(new Token(Token.DATA, text, line, null));
            }
            line += count(source, pos, tag < 0 ? source.length() : tag);
            if (tag < 0) {
                pos = source.length();
                break;
            }
            pos = tag;
            char kind = source.charAt(tag + 1);
            if (kind == '#') {
                comment();
            } else if (kind == '%' && rawBlock()) {
                continue;
            } else {
                tag(kind == '{' ? Token.VARIABLE_BEGIN : Token.BLOCK_BEGIN);
            }
        }
    }

    private int nextTag(int from) {
        for (int i = source.indexOf('{', from); i >= 0 && i + 1 < source.length(); i = source.indexOf('{', i + 1)) {
            char next = source.charAt(i + 1);
            if (next == '{' || next == '%' || next == '#') {
                return i;
            }
        }
        return -1;
    }

    private void comment() {
        int start = line;
        Matcher end = COMMENT_END.matcher(source);
        if (!end.find(pos + 2)) {
            throw TemplateError.syntax("Missing end of comment tag", start);
        }
        line += count(source, pos, end.end());
        pos = end.end();
    }

    private boolean rawBlock() {
        Matcher begin = RAW_BEGIN.matcher(source).region(pos, source.length());
        if (!begin.lookingAt()) {
            return false;
        }
        int start = line;
        Matcher end = RAW_END.matcher(source);
        if (!end.find(begin.end())) {
            throw TemplateError.syntax("Missing end of raw directive", start);
        }
        String text = source.substring(begin.end(), end.start());
        if (end.group(1).equals("-")) {
            text = text.stripTrailing();
        }
        line += count(source, pos, begin.end());
        if (!text.isEmpty()) {
            tokens.add(new Token(Token.DATA, text, line, null));
        }
        line += count(source, begin.end(), end.end());
        pos = end.end();
        return true;
    }

    private void tag(String beginType) {
        boolean variable = beginType.equals(Token.VARIABLE_BEGIN);
        tokens.add(new Token(beginType, source.substring(pos, pos + 2), line, null));
        pos += 2;
        if (pos < source.length() && (source.charAt(pos) == '-' || source.charAt(pos) == '+')) {
            pos++;
        }
        String endType = variable ? Token.VARIABLE_END : Token.BLOCK_END;
        String close = variable ? "}}" : "%}";
        Deque<String> balancing = new ArrayDeque<>();
        while (pos < source.length()) {
            if (balancing.isEmpty()) {
                if (source.startsWith("-" + close, pos)) {
                    tokens.add(new Token(endType, close, line, null));
                    pos += 3;
                    int after = pos;
                    while (after < source.length() && Character.isWhitespace(source.charAt(after))) {
                        after++;
                    }
                    line += count(source, pos, after);
                    pos = after;
                    return;
                }
                if (source.startsWith(close, pos) || (!variable && source.startsWith("+" + close, pos))) {
                    tokens.add(new Token(endType, close, line, null));
                    pos += source.charAt(pos) == '+' ? 3 : 2;
                    return;
                }
            }
            char c = source.charAt(pos);
            if (Character.isWhitespace(c)) {
                if (c == '\n') {
                    line++;
                }
                pos++;
                continue;
            }
            if (literal(FLOAT, Token.FLOAT) || literal(INTEGER, Token.INTEGER) || literal(NAME, Token.NAME)
                    || string()) {
                continue;
            }
            String op = operator();
            if (op == null) {
                throw TemplateError.syntax("unexpected char " + Py.stringRepr(String.valueOf(c)) + " at " + pos, line);
            }
            switch (op) {
                case "{" -> balancing.push("}");
                case "(" -> balancing.push(")");
                case "[" -> balancing.push("]");
                case "}", ")", "]" -> {
                    if (balancing.isEmpty()) {
                        throw TemplateError.syntax("unexpected '" + op + "'", line);
                    }
                    String expected = balancing.pop();
                    if (!expected.equals(op)) {
                        throw TemplateError.syntax("unexpected '" + op + "', expected '" + expected + "'", line);
                    }
                }
                default -> {
                }
            }
            tokens.add(new Token(op, op, line, null));
            pos += op.length();
        }
    }

    private boolean literal(Pattern pattern, String type) {
        Matcher m = pattern.matcher(source).region(pos, source.length());
        m.useTransparentBounds(true);
        if (!m.lookingAt()) {
            return false;
        }
        String text = m.group();
        if (type.equals(Token.NAME)) {
            tokens.add(new Token(Token.NAME, text, line, null));
        } else if (type.equals(Token.FLOAT)) {
            tokens.add(new Token(Token.FLOAT, text, line, Double.parseDouble(text.replace("_", ""))));
        } else {
            tokens.add(new Token(Token.INTEGER, text, line, parseInteger(text.replace("_", ""))));
        }
        pos = m.end();
        return true;
    }

    private static Object parseInteger(String text) {
        String lower = text.toLowerCase();
        java.math.BigInteger value;
        if (lower.startsWith("0x")) {
            value = new java.math.BigInteger(text.substring(2), 16);
        } else if (lower.startsWith("0o")) {
            value = new java.math.BigInteger(text.substring(2), 8);
        } else if (lower.startsWith("0b")) {
            value = new java.math.BigInteger(text.substring(2), 2);
        } else {
            value = new java.math.BigInteger(text);
        }
        return Py.shrink(value);
    }

    private boolean string() {
        char c = source.charAt(pos);
        if (c != '\'' && c != '"') {
            return false;
        }
        Matcher m = STRING.matcher(source).region(pos, source.length());
        if (!m.lookingAt()) {
            return false;
        }
        String raw = m.group().substring(1, m.group().length() - 1);
        tokens.add(new Token(Token.STRING, m.group(), line, unescape(raw)));
        line += count(source, pos, m.end());
        pos = m.end();
        return true;
    }

    private String operator() {
        for (int length = 2; length >= 1; length--) {
            if (pos + length <= source.length()) {
                String candidate = source.substring(pos, pos + length);
                if (Token.OPERATORS.contains(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** Python's unicode-escape decoding of a string literal's body. */
    static String unescape(String raw) {
        if (raw.indexOf('\\') < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\\' || i + 1 == raw.length()) {
                out.append(c);
                continue;
            }
            char e = raw.charAt(++i);
            switch (e) {
                case '\n' -> {
                }
                case '\\', '\'', '"' -> out.append(e);
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'v' -> out.append('\u000b');
                case 'x', 'u', 'U' -> {
                    int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (i + digits < raw.length() && raw.substring(i + 1, i + 1 + digits).matches("[0-9a-fA-F]+")) {
                        out.appendCodePoint(Integer.parseInt(raw.substring(i + 1, i + 1 + digits), 16));
                        i += digits;
                    } else {
                        out.append('\\').append(e);
                    }
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int end = i;
                        while (end < raw.length() && end < i + 3 && raw.charAt(end) >= '0' && raw.charAt(end) <= '7') {
                            end++;
                        }
                        out.append((char) Integer.parseInt(raw.substring(i, end), 8));
                        i = end - 1;
                    } else {
                        out.append('\\').append(e);
                    }
                }
            }
        }
        return out.toString();
    }

    private static int count(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }
}
