package dev.flywheel.run.template;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Python's printf-style {@code %} formatting and {@code str.format()}, for the specifiers prompts use. */
final class PyFormat {

    private static final Pattern PERCENT = Pattern.compile("%(?:\\(([^)]*)\\))?([-+ #0]*)(\\*|\\d+)?(?:\\.(\\d+))?([diouxXeEfFgGcrsa%])");
    private static final Pattern SPEC = Pattern.compile("(?:(.)?([<>=^]))?([-+ ])?(#)?(0)?(\\d+)?([,_])?(?:\\.(\\d+))?([bcdeEfFgGnosxX%])?");

    private PyFormat() {
    }

    static String percent(String format, Object values) {
        List<Object> args = values instanceof PyTuple t ? t.items() : List.of(values == null ? NONE : values);
        StringBuilder out = new StringBuilder();
        Matcher m = PERCENT.matcher(format);
        int last = 0;
        int next = 0;
        while (m.find()) {
            out.append(format, last, m.start());
            last = m.end();
            char type = m.group(5).charAt(0);
            if (type == '%') {
                out.append('%');
                continue;
            }
            Object value;
            if (m.group(1) != null) {
                if (!(values instanceof Map<?, ?> map)) {
                    throw TemplateError.type("format requires a mapping");
                }
                value = map.get(m.group(1));
            } else {
                if (next >= args.size()) {
                    throw TemplateError.type("not enough arguments for format string");
                }
                value = args.get(next++);
                value = value == NONE ? null : value;
            }
            String flags = m.group(2);
            int width = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            Integer precision = m.group(4) == null ? null : Integer.valueOf(m.group(4));
            String body = convert(type, value, flags, precision);
            out.append(align(body, width, flags.contains("-") ? '<' : '>', flags.contains("0") && type != 's'
                    && type != 'r' && !flags.contains("-") ? '0' : ' '));
        }
        out.append(format.substring(last));
        if (next < args.size() && !(values instanceof Map)) {
            throw TemplateError.type("not all arguments converted during string formatting");
        }
        return out.toString();
    }

    private static final Object NONE = new Object();

    private static String convert(char type, Object value, String flags, Integer precision) {
        String sign = flags.contains("+") ? "+" : flags.contains(" ") ? " " : "";
        switch (type) {
            case 's' -> {
                String s = Py.str(value);
                return precision == null ? s : s.substring(0, Math.min(s.length(), precision));
            }
            case 'r', 'a' -> {
                return Py.repr(value);
            }
            case 'd', 'i', 'u' -> {
                Object number = number(value, "%d format: a real number is required, not " + Py.typeName(value));
                java.math.BigInteger i = number instanceof Double d ? new BigDecimal(d).toBigInteger() : Py.toBig(number);
                return (i.signum() >= 0 ? sign : "") + i;
            }
            case 'x', 'X', 'o' -> {
                java.math.BigInteger i = Py.toBig(number(value, "%x format: an integer is required, not "
                        + Py.typeName(value)));
                String text = i.toString(type == 'o' ? 8 : 16);
                return type == 'X' ? text.toUpperCase() : text;
            }
            case 'c' -> {
                return value instanceof String s ? s : new String(Character.toChars((int) Py.toLong(value)));
            }
            default -> {
                double d = Py.toDouble(number(value, "must be real number, not " + Py.typeName(value)));
                String text = fixedOrExp(d, Character.toLowerCase(type), precision == null ? 6 : precision, false);
                text = Character.isUpperCase(type) ? text.toUpperCase() : text;
                return d >= 0 && !text.startsWith("-") ? sign + text : text;
            }
        }
    }

    private static Object number(Object value, String error) {
        if (Py.isNumber(value)) {
            return value;
        }
        throw TemplateError.type(error);
    }

    /** Python's 'f', 'e', 'g' presentation, correctly rounded (half-even on the exact binary value). */
    static String fixedOrExp(double d, char type, int precision, boolean alternate) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        BigDecimal exact = new BigDecimal(d);
        switch (type) {
            case 'f', '%' -> {
                String text = exact.setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
                return d < 0 || (d == 0 && 1 / d < 0) ? (text.startsWith("-") ? text : "-" + text) : text;
            }
            case 'e' -> {
                return exp(exact, precision, d);
            }
            default -> {
                int p = precision == 0 ? 1 : precision;
                if (d == 0) {
                    return (1 / d < 0 ? "-" : "") + "0";
                }
                BigDecimal rounded = exact.round(new java.math.MathContext(p, RoundingMode.HALF_EVEN));
                int exponent = rounded.precision() - rounded.scale() - 1;
                String text;
                if (exponent >= -4 && exponent < p) {
                    text = rounded.setScale(Math.max(0, p - 1 - exponent), RoundingMode.HALF_EVEN).toPlainString();
                    if (text.contains(".") && !alternate) {
                        text = text.replaceAll("0+$", "").replaceAll("\\.$", "");
                    }
                } else {
                    text = exp(exact, p - 1, d);
                    if (!alternate) {
                        text = text.replaceAll("\\.?0+e", "e");
                    }
                }
                return text;
            }
        }
    }

    private static String exp(BigDecimal exact, int precision, double d) {
        if (d == 0) {
            return (1 / d < 0 ? "-" : "") + "0" + (precision > 0 ? "." + "0".repeat(precision) : "") + "e+00";
        }
        BigDecimal rounded = exact.round(new java.math.MathContext(precision + 1, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        String digits = rounded.unscaledValue().abs().toString();
        while (digits.length() < precision + 1) {
            digits += "0";
        }
        digits = digits.substring(0, precision + 1);
        String mantissa = precision > 0 ? digits.charAt(0) + "." + digits.substring(1) : digits;
        return (d < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "")
                + Math.abs(exponent);
    }

    private static String align(String body, int width, char align, char fill) {
        if (body.length() >= width) {
            return body;
        }
        if (fill == '0') {
            boolean signed = body.startsWith("-") || body.startsWith("+") || body.startsWith(" ");
            String digits = signed ? body.substring(1) : body;
            return (signed ? body.substring(0, 1) : "") + "0".repeat(width - body.length()) + digits;
        }
        return align == '<' ? body + " ".repeat(width - body.length()) : " ".repeat(width - body.length()) + body;
    }

    // ---- str.format

    static String format(String template, List<Object> args, Map<String, Object> kwargs) {
        StringBuilder out = new StringBuilder();
        int auto = 0;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '{') {
                if (i + 1 < template.length() && template.charAt(i + 1) == '{') {
                    out.append('{');
                    i++;
                    continue;
                }
                int end = template.indexOf('}', i);
                if (end < 0) {
                    throw new TemplateError("ValueError", "Single '{' encountered in format string", 0);
                }
                String field = template.substring(i + 1, end);
                i = end;
                String spec = "";
                int colon = field.indexOf(':');
                if (colon >= 0) {
                    spec = field.substring(colon + 1);
                    field = field.substring(0, colon);
                }
                char conversion = 0;
                int bang = field.indexOf('!');
                if (bang >= 0) {
                    conversion = field.charAt(bang + 1);
                    field = field.substring(0, bang);
                }
                String head = field.split("[.\\[]", 2)[0];
                Object value;
                if (head.isEmpty()) {
                    if (auto >= args.size()) {
                        throw new TemplateError("IndexError", "Replacement index " + auto + " out of range for positional"
                                + " args tuple", 0);
                    }
                    value = args.get(auto++);
                } else if (head.chars().allMatch(Character::isDigit)) {
                    int index = Integer.parseInt(head);
                    if (index >= args.size()) {
                        throw new TemplateError("IndexError", "Replacement index " + index + " out of range for"
                                + " positional args tuple", 0);
                    }
                    value = args.get(index);
                } else {
                    if (!kwargs.containsKey(head)) {
                        throw new TemplateError("KeyError", "'" + head + "'", 0);
                    }
                    value = kwargs.get(head);
                }
                Matcher rest = Pattern.compile("\\.(\\w+)|\\[([^\\]]+)]").matcher(field.substring(head.length()));
                while (rest.find()) {
                    // str.format looks up attributes and items as Python does, not with Jinja2's fallbacks.
                    if (rest.group(1) != null) {
                        Object attribute = Py.attribute(value, rest.group(1));
                        if (attribute == null) {
                            throw new TemplateError("AttributeError", "'" + Py.typeName(value) + "' object has no"
                                    + " attribute '" + rest.group(1) + "'", 0);
                        }
                        value = Py.getattr(value, rest.group(1));
                    } else {
                        Object key = rest.group(2).chars().allMatch(Character::isDigit)
                                ? (Object) Long.parseLong(rest.group(2)) : rest.group(2);
                        Object container = value;
                        value = Py.getitem(container, key);
                        if (value instanceof Undefined) {
                            throw new TemplateError(key instanceof Long ? "IndexError" : "KeyError", key instanceof Long
                                    ? Py.typeName(container) + " index out of range" : Py.repr(key), 0);
                        }
                    }
                }
                if (conversion == 'r') {
                    value = Py.repr(value);
                } else if (conversion == 's') {
                    value = Py.str(value);
                }
                out.append(formatSpec(value, spec));
            } else if (c == '}') {
                if (i + 1 < template.length() && template.charAt(i + 1) == '}') {
                    i++;
                }
                out.append('}');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String formatSpec(Object value, String spec) {
        if (spec.isEmpty()) {
            return Py.str(value);
        }
        Matcher m = SPEC.matcher(spec);
        if (!m.matches()) {
            throw new TemplateError("ValueError", "Invalid format specifier '" + spec + "' for object of type '"
                    + Py.typeName(value) + "'", 0);
        }
        String fill = m.group(1) == null ? " " : m.group(1);
        String align = m.group(2);
        String sign = m.group(3) == null ? "-" : m.group(3);
        boolean zero = m.group(5) != null;
        int width = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
        String grouping = m.group(7);
        Integer precision = m.group(8) == null ? null : Integer.valueOf(m.group(8));
        String type = m.group(9);
        String body;
        boolean numeric = Py.isNumber(value) && !(value instanceof Boolean && type == null);
        if (value instanceof String s) {
            if (type != null && !type.equals("s")) {
                throw new TemplateError("ValueError", "Unknown format code '" + type + "' for object of type 'str'", 0);
            }
            body = precision == null ? s : s.substring(0, Math.min(precision, s.length()));
        } else if (numeric) {
            boolean negative;
            String digits;
            if (type == null && Py.isInt(value) || "d".equals(type) || "n".equals(type)) {
                if (value instanceof Double) {
                    throw new TemplateError("ValueError", "Unknown format code 'd' for object of type 'float'", 0);
                }
                java.math.BigInteger i = Py.toBig(value);
                negative = i.signum() < 0;
                digits = i.abs().toString();
            } else if ("x".equals(type) || "X".equals(type) || "o".equals(type) || "b".equals(type)) {
                java.math.BigInteger i = Py.toBig(value);
                negative = i.signum() < 0;
                digits = i.abs().toString("o".equals(type) ? 8 : "b".equals(type) ? 2 : 16);
                if ("X".equals(type)) {
                    digits = digits.toUpperCase();
                }
            } else {
                double d = Py.toDouble(value);
                negative = d < 0 || (d == 0 && 1 / d < 0);
                String t = type == null ? "r" : type;
                double magnitude = Math.abs(d);
                if (t.equals("r")) {
                    digits = precision == null ? Py.floatRepr(magnitude) : fixedOrExp(magnitude, 'g', precision, false);
                } else if (t.equals("%")) {
                    digits = fixedOrExp(magnitude * 100, 'f', precision == null ? 6 : precision, false) + "%";
                } else {
                    digits = fixedOrExp(magnitude, Character.toLowerCase(t.charAt(0)), precision == null ? 6 : precision,
                            false);
                    if (Character.isUpperCase(t.charAt(0))) {
                        digits = digits.toUpperCase();
                    }
                }
            }
            if (grouping != null) {
                int dot = digits.indexOf('.');
                String integer = dot < 0 ? digits.replaceAll("[^0-9].*$", "") : digits.substring(0, dot);
                String tail = digits.substring(integer.length());
                StringBuilder grouped = new StringBuilder();
                for (int i = 0; i < integer.length(); i++) {
                    if (i > 0 && (integer.length() - i) % 3 == 0) {
                        grouped.append(grouping);
                    }
                    grouped.append(integer.charAt(i));
                }
                digits = grouped + tail;
            }
            String signText = negative ? "-" : sign.equals("+") ? "+" : sign.equals(" ") ? " " : "";
            if (zero && align == null) {
                int pad = width - signText.length() - digits.length();
                return signText + (pad > 0 ? "0".repeat(pad) : "") + digits;
            }
            if ("=".equals(align)) {
                int pad = width - signText.length() - digits.length();
                return signText + (pad > 0 ? fill.repeat(pad) : "") + digits;
            }
            body = signText + digits;
        } else {
            body = Py.str(value);
        }
        int pad = width - body.codePointCount(0, body.length());
        if (pad <= 0) {
            return body;
        }
        String how = align == null ? (numeric ? ">" : "<") : align;
        if (zero && align == null) {
            fill = "0";
        }
        return switch (how) {
            case ">" -> fill.repeat(pad) + body;
            case "^" -> fill.repeat(pad / 2) + body + fill.repeat(pad - pad / 2);
            default -> body + fill.repeat(pad);
        };
    }
}
