package dev.flywheel.run.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Python's value semantics, on the values a template sees: str (String), int (Long, or BigInteger beyond 64 bits),
 * float (Double), bool (Boolean), None (null), list (List), dict (Map with insertion order), tuple ({@link PyTuple}).
 * Printing, truth, equality, ordering and arithmetic behave as in CPython, because Jinja2 leaves them to Python.
 */
final class Py {

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private Py() {
    }

    /** A deep, mutable copy of JSON-like values with Python's number types, so a render cannot change its caller's data. */
    static Object normalize(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
            map.forEach((k, v) -> copy.put(String.valueOf(k), normalize(v)));
            return copy;
        }
        if (value instanceof Collection<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(normalize(item)));
            return copy;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return shrink(big);
        }
        if (value instanceof Float || value instanceof BigDecimal) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof Character c) {
            return c.toString();
        }
        return value;
    }

    static Object shrink(BigInteger big) {
        return big.compareTo(LONG_MIN) >= 0 && big.compareTo(LONG_MAX) <= 0 ? (Object) big.longValue() : big;
    }

    // ---- types

    static boolean isInt(Object o) {
        return o instanceof Long || o instanceof BigInteger || o instanceof Boolean || o instanceof Integer;
    }

    static boolean isNumber(Object o) {
        return isInt(o) || o instanceof Double;
    }

    static boolean isString(Object o) {
        return o instanceof String;
    }

    static String typeName(Object o) {
        if (o == null) {
            return "NoneType";
        }
        if (o instanceof String) {
            return "str";
        }
        if (o instanceof Boolean) {
            return "bool";
        }
        if (o instanceof Long || o instanceof BigInteger || o instanceof Integer) {
            return "int";
        }
        if (o instanceof Double) {
            return "float";
        }
        if (o instanceof List) {
            return "list";
        }
        if (o instanceof Map) {
            return "dict";
        }
        if (o instanceof PyTuple) {
            return "tuple";
        }
        if (o instanceof Undefined) {
            return "Undefined";
        }
        if (o instanceof Namespace) {
            return "Namespace";
        }
        if (o instanceof LoopContext) {
            return "LoopContext";
        }
        if (o instanceof Macro) {
            return "Macro";
        }
        if (o instanceof BoundMethod) {
            return "builtin_function_or_method";
        }
        return "object";
    }

    /** Jinja2's object_type_repr: how undefined-attribute messages name the owner. */
    static String objectTypeRepr(Object o) {
        if (o == null) {
            return "None";
        }
        return typeName(o) + " object";
    }

    // ---- printing

    /** Python's str(). */
    static String str(Object o) {
        if (o instanceof String s) {
            return s;
        }
        if (o == null) {
            return "None";
        }
        if (o instanceof Undefined) {
            return "";
        }
        if (o instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (o instanceof Long || o instanceof BigInteger || o instanceof Integer) {
            return o.toString();
        }
        if (o instanceof Double d) {
            return floatRepr(d);
        }
        return repr(o);
    }

    /** Python's repr(). */
    static String repr(Object o) {
        StringBuilder out = new StringBuilder();
        repr(o, out, false);
        return out.toString();
    }

    /** repr() with dict keys sorted, as pprint prints a short value. */
    static String sortedRepr(Object o) {
        StringBuilder out = new StringBuilder();
        repr(o, out, true);
        return out.toString();
    }

    private static void repr(Object o, StringBuilder out, boolean sortKeys) {
        if (o instanceof String s) {
            out.append(stringRepr(s));
        } else if (o instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                repr(list.get(i), out, sortKeys);
            }
            out.append(']');
        } else if (o instanceof PyTuple tuple) {
            out.append('(');
            List<Object> items = tuple.items();
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                repr(items.get(i), out, sortKeys);
            }
            out.append(items.size() == 1 ? ",)" : ")");
        } else if (o instanceof Map<?, ?> map) {
            out.append('{');
            List<? extends Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            if (sortKeys) {
                entries.sort((a, b) -> compare(a.getKey(), b.getKey()));
            }
            boolean first = true;
            for (Map.Entry<?, ?> entry : entries) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                repr(entry.getKey(), out, sortKeys);
                out.append(": ");
                repr(entry.getValue(), out, sortKeys);
            }
            out.append('}');
        } else if (o instanceof Undefined) {
            out.append("Undefined");
        } else if (o instanceof Macro macro) {
            out.append("<Macro '").append(macro.name()).append("'>");
        } else if (o instanceof Namespace ns) {
            out.append("<Namespace ");
            repr(ns.attributes, out, sortKeys);
            out.append('>');
        } else if (o instanceof BoundMethod method) {
            out.append("<built-in method ").append(method.name()).append(" of ").append(typeName(method.self()))
                    .append(" object>");
        } else if (o instanceof LoopContext loop) {
            out.append("<LoopContext ").append(loop.index0 + 1).append('/').append(loop.length()).append('>');
        } else if (o instanceof PyCallable) {
            out.append("<function>");
        } else {
            out.append(str(o));
        }
    }

    static String stringRepr(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder(s.length() + 2).append(quote);
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (c == quote || c == '\\') {
                out.append('\\').append((char) c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (isPrintable(c)) {
                out.appendCodePoint(c);
            } else if (c < 0x100) {
                out.append(String.format("\\x%02x", c));
            } else if (c < 0x10000) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.append(String.format("\\U%08x", c));
            }
        }
        return out.append(quote).toString();
    }

    /** Python's str.isprintable() for one code point: not a control, format, separator (but space) or unassigned. */
    static boolean isPrintable(int c) {
        if (c == ' ') {
            return true;
        }
        switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
                    Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> {
                return false;
            }
            default -> {
                return true;
            }
        }
    }

    /** Python's repr() of a float: the shortest digits that round-trip, exponent form outside [1e-4, 1e16). */
    static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortestDigits(d);
        String digits = shortest.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        String sign = d < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 16) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "")
                    + Math.abs(exponent);
        }
        String plain = shortest.abs().toPlainString();
        return sign + (plain.indexOf('.') < 0 ? plain + ".0" : plain);
    }

    /**
     * The fewest significant digits that read back as {@code d}, correctly rounded, as CPython's repr chooses them;
     * Java 17's Double.toString sometimes gives one digit more (4.9E-324 for 5e-324).
     */
    private static BigDecimal shortestDigits(double d) {
        BigDecimal candidate = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        BigDecimal exact = new BigDecimal(d);
        for (int digits = 1; digits < candidate.precision(); digits++) {
            BigDecimal rounded = exact.round(new java.math.MathContext(digits, java.math.RoundingMode.HALF_EVEN));
            if (rounded.doubleValue() == d) {
                return rounded.stripTrailingZeros();
            }
        }
        return candidate;
    }

    // ---- truth and equality

    static boolean truthy(Object o) {
        if (o == null || o instanceof Undefined) {
            return false;
        }
        if (o instanceof Boolean b) {
            return b;
        }
        if (o instanceof String s) {
            return !s.isEmpty();
        }
        if (o instanceof Long l) {
            return l != 0;
        }
        if (o instanceof Double d) {
            return d != 0;
        }
        if (o instanceof BigInteger b) {
            return b.signum() != 0;
        }
        if (o instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (o instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        if (o instanceof PyTuple t) {
            return !t.items().isEmpty();
        }
        return true;
    }

    static boolean eq(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (isNumber(a) && isNumber(b)) {
            if (a instanceof Double || b instanceof Double) {
                return toDouble(a) == toDouble(b);
            }
            return toBig(a).equals(toBig(b));
        }
        if (a instanceof String || b instanceof String) {
            return a.equals(b);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            return seqEq(x, y);
        }
        if (a instanceof PyTuple x && b instanceof PyTuple y) {
            return seqEq(x.items(), y.items());
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> entry : x.entrySet()) {
                if (!y.containsKey(entry.getKey()) || !eq(entry.getValue(), y.get(entry.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Undefined && b instanceof Undefined) {
            return true;
        }
        return a.equals(b);
    }

    private static boolean seqEq(List<?> x, List<?> y) {
        if (x.size() != y.size()) {
            return false;
        }
        for (int i = 0; i < x.size(); i++) {
            if (!eq(x.get(i), y.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** A key that is equal for values Python hashes equal (1, 1.0 and True); fails like Python for unhashable ones. */
    static Object hashKey(Object o) {
        if (o instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (o instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 9e18) {
            return (long) (double) d;
        }
        if (o instanceof List || o instanceof Map) {
            throw TemplateError.type("unhashable type: '" + typeName(o) + "'");
        }
        if (o instanceof PyTuple t) {
            List<Object> keys = new ArrayList<>();
            t.items().forEach(item -> keys.add(hashKey(item)));
            return keys;
        }
        return o;
    }

    /** Python's ordering for {@code <}: numbers with numbers, strings with strings, sequences item by item. */
    static int compare(Object a, Object b) {
        if (isNumber(a) && isNumber(b)) {
            if (a instanceof Double || b instanceof Double) {
                return Double.compare(toDouble(a), toDouble(b));
            }
            return toBig(a).compareTo(toBig(b));
        }
        if (a instanceof String x && b instanceof String y) {
            return compareStrings(x, y);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            return compareSeq(x, y);
        }
        if (a instanceof PyTuple x && b instanceof PyTuple y) {
            return compareSeq(x.items(), y.items());
        }
        throw TemplateError.type("'<' not supported between instances of '" + typeName(a) + "' and '" + typeName(b) + "'");
    }

    static TemplateError unorderable(String op, Object a, Object b) {
        return TemplateError.type("'" + op + "' not supported between instances of '" + typeName(a) + "' and '"
                + typeName(b) + "'");
    }

    /** Python compares strings by code point, not by UTF-16 unit. */
    static int compareStrings(String x, String y) {
        int i = 0;
        int j = 0;
        while (i < x.length() && j < y.length()) {
            int a = x.codePointAt(i);
            int b = y.codePointAt(j);
            if (a != b) {
                return Integer.compare(a, b);
            }
            i += Character.charCount(a);
            j += Character.charCount(b);
        }
        return Integer.compare(x.length() - i, y.length() - j);
    }

    private static int compareSeq(List<?> x, List<?> y) {
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            if (!eq(x.get(i), y.get(i))) {
                return compare(x.get(i), y.get(i));
            }
        }
        return Integer.compare(x.size(), y.size());
    }

    // ---- numbers

    static double toDouble(Object o) {
        if (o instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return ((Number) o).doubleValue();
    }

    static BigInteger toBig(Object o) {
        if (o instanceof BigInteger b) {
            return b;
        }
        if (o instanceof Boolean b) {
            return b ? BigInteger.ONE : BigInteger.ZERO;
        }
        return BigInteger.valueOf(((Number) o).longValue());
    }

    static long toLong(Object o) {
        if (o instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return ((Number) o).longValue();
    }

    /** An int argument where Python wants an index (range, slicing, repetition). */
    static long index(Object o) {
        if (o instanceof Long || o instanceof Boolean || o instanceof Integer) {
            return toLong(o);
        }
        if (o instanceof BigInteger b) {
            return b.bitLength() < 63 ? b.longValue() : b.signum() * Long.MAX_VALUE;
        }
        throw TemplateError.type("'" + typeName(o) + "' object cannot be interpreted as an integer");
    }

    static Object neg(Object o) {
        if (o instanceof Double d) {
            return -d;
        }
        if (isInt(o)) {
            return shrink(toBig(o).negate());
        }
        throw TemplateError.type("bad operand type for unary -: '" + typeName(o) + "'");
    }

    static Object pos(Object o) {
        if (o instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (isNumber(o)) {
            return o;
        }
        throw TemplateError.type("bad operand type for unary +: '" + typeName(o) + "'");
    }

    static Object binary(String op, Object a, Object b, TemplateLimitsCheck limits) {
        if (a instanceof Undefined u) {
            throw u.fail();
        }
        if (b instanceof Undefined u) {
            throw u.fail();
        }
        if (isNumber(a) && isNumber(b)) {
            return arithmetic(op, a, b);
        }
        switch (op) {
            case "+" -> {
                if (a instanceof String x && b instanceof String y) {
                    limits.checkSize((long) x.length() + y.length());
                    return x + y;
                }
                if (a instanceof List<?> x && b instanceof List<?> y) {
                    List<Object> joined = new ArrayList<>(x);
                    joined.addAll(y);
                    return joined;
                }
                if (a instanceof PyTuple x && b instanceof PyTuple y) {
                    List<Object> joined = new ArrayList<>(x.items());
                    joined.addAll(y.items());
                    return new PyTuple(joined);
                }
                if (a instanceof String || b instanceof String) {
                    throw TemplateError.type(a instanceof String
                            ? "can only concatenate str (not \"" + typeName(b) + "\") to str"
                            : "unsupported operand type(s) for +: '" + typeName(a) + "' and '" + typeName(b) + "'");
                }
            }
            case "*" -> {
                if ((a instanceof String || a instanceof List || a instanceof PyTuple) && isInt(b)) {
                    return repeat(a, index(b), limits);
                }
                if ((b instanceof String || b instanceof List || b instanceof PyTuple) && isInt(a)) {
                    return repeat(b, index(a), limits);
                }
                if (a instanceof String || b instanceof String) {
                    throw TemplateError.type("can't multiply sequence by non-int of type '"
                            + typeName(a instanceof String ? b : a) + "'");
                }
            }
            case "%" -> {
                if (a instanceof String format) {
                    return PyFormat.percent(format, b);
                }
            }
            default -> {
            }
        }
        throw TemplateError.type("unsupported operand type(s) for " + op + ": '" + typeName(a) + "' and '"
                + typeName(b) + "'");
    }

    private static Object repeat(Object sequence, long times, TemplateLimitsCheck limits) {
        if (sequence instanceof String s) {
            if (times <= 0 || s.isEmpty()) {
                return "";
            }
            limits.checkSize(s.length() * times);
            return s.repeat((int) times);
        }
        List<?> items = sequence instanceof PyTuple t ? t.items() : (List<?>) sequence;
        List<Object> out = new ArrayList<>();
        if (times > 0 && !items.isEmpty()) {
            limits.checkLoop(items.size() * times);
            for (long i = 0; i < times; i++) {
                out.addAll(items);
            }
        }
        return sequence instanceof PyTuple ? new PyTuple(out) : out;
    }

    private static Object arithmetic(String op, Object a, Object b) {
        if (a instanceof Double || b instanceof Double || op.equals("/")) {
            double x = toDouble(a);
            double y = toDouble(b);
            return switch (op) {
                case "+" -> x + y;
                case "-" -> x - y;
                case "*" -> x * y;
                case "/" -> {
                    if (y == 0) {
                        throw new TemplateError("ZeroDivisionError", isInt(a) && isInt(b) ? "division by zero"
                                : "float division by zero", 0);
                    }
                    if (isInt(a) && isInt(b) && (a instanceof BigInteger || b instanceof BigInteger)) {
                        yield new BigDecimal(toBig(a)).divide(new BigDecimal(toBig(b)), java.math.MathContext.DECIMAL64)
                                .doubleValue();
                    }
                    yield x / y;
                }
                case "//" -> {
                    if (y == 0) {
                        throw new TemplateError("ZeroDivisionError", "float floor division by zero", 0);
                    }
                    yield Math.floor(x / y);
                }
                case "%" -> {
                    if (y == 0) {
                        throw new TemplateError("ZeroDivisionError", "float modulo", 0);
                    }
                    double r = x % y;
                    if (r != 0 && (r < 0) != (y < 0)) {
                        r += y;
                    }
                    yield r;
                }
                case "**" -> {
                    if (x == 0 && y < 0) {
                        throw new TemplateError("ZeroDivisionError",
                                "0.0 cannot be raised to a negative power", 0);
                    }
                    yield Math.pow(x, y);
                }
                default -> throw new IllegalArgumentException(op);
            };
        }
        BigInteger x = toBig(a);
        BigInteger y = toBig(b);
        return switch (op) {
            case "+" -> shrink(x.add(y));
            case "-" -> shrink(x.subtract(y));
            case "*" -> shrink(x.multiply(y));
            case "//" -> {
                if (y.signum() == 0) {
                    throw new TemplateError("ZeroDivisionError", "integer division or modulo by zero", 0);
                }
                BigInteger[] qr = x.divideAndRemainder(y);
                BigInteger q = qr[0];
                if (qr[1].signum() != 0 && qr[1].signum() != y.signum()) {
                    q = q.subtract(BigInteger.ONE);
                }
                yield shrink(q);
            }
            case "%" -> {
                if (y.signum() == 0) {
                    throw new TemplateError("ZeroDivisionError", "integer modulo by zero", 0);
                }
                BigInteger r = x.mod(y.abs());
                if (y.signum() < 0 && r.signum() != 0) {
                    r = r.add(y);
                }
                yield shrink(r);
            }
            case "**" -> {
                if (y.signum() < 0) {
                    if (x.signum() == 0) {
                        throw new TemplateError("ZeroDivisionError",
                                "0.0 cannot be raised to a negative power", 0);
                    }
                    yield Math.pow(x.doubleValue(), y.doubleValue());
                }
                if (y.bitLength() > 31 || (long) x.bitLength() * y.intValue() > 100_000) {
                    throw new LimitExceeded("the number " + Py.str(a) + " ** " + Py.str(b) + " is too large");
                }
                yield shrink(x.pow(y.intValue()));
            }
            default -> throw new IllegalArgumentException(op);
        };
    }

    // ---- containers

    static int len(Object o) {
        if (o instanceof String s) {
            return s.codePointCount(0, s.length());
        }
        if (o instanceof Collection<?> c) {
            return c.size();
        }
        if (o instanceof Map<?, ?> m) {
            return m.size();
        }
        if (o instanceof PyTuple t) {
            return t.items().size();
        }
        if (o instanceof Undefined) {
            return 0;
        }
        throw TemplateError.type("object of type '" + typeName(o) + "' has no len()");
    }

    /** Python's iter(): the items a for loop or a filter sees. */
    static List<Object> iterate(Object o) {
        if (o instanceof List<?> list) {
            @SuppressWarnings("unchecked")
            List<Object> items = (List<Object>) list;
            return items;
        }
        if (o instanceof Map<?, ?> map) {
            return new ArrayList<>(map.keySet());
        }
        if (o instanceof String s) {
            List<Object> chars = new ArrayList<>(s.length());
            s.codePoints().forEach(c -> chars.add(new String(Character.toChars(c))));
            return chars;
        }
        if (o instanceof PyTuple t) {
            return t.items();
        }
        if (o instanceof Undefined) {
            return List.of();
        }
        if (o instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        throw TemplateError.type("'" + typeName(o) + "' object is not iterable");
    }

    static boolean contains(Object container, Object item) {
        if (container instanceof String s) {
            if (!(item instanceof String needle)) {
                throw TemplateError.type("'in <string>' requires string as left operand, not " + typeName(item));
            }
            return s.contains(needle);
        }
        if (container instanceof Map<?, ?> map) {
            Object key = hashKey(item);
            return key instanceof String ? map.containsKey(key) : map.keySet().stream().anyMatch(k -> eq(k, item));
        }
        if (container instanceof Undefined) {
            return false;
        }
        if (container instanceof List || container instanceof PyTuple || container instanceof Collection) {
            for (Object candidate : iterate(container)) {
                if (eq(candidate, item)) {
                    return true;
                }
            }
            return false;
        }
        throw TemplateError.type("argument of type '" + typeName(container) + "' is not iterable");
    }

    /** {@code obj.name}: Jinja2 tries the Python attribute first, then the item. */
    static Object getattr(Object obj, String name) {
        if (obj instanceof Undefined u) {
            throw u.fail();
        }
        if (obj instanceof Map<?, ?> map) {
            if (PyMethods.has(obj, name)) {
                return new BoundMethod(obj, name);
            }
            return map.containsKey(name) ? map.get(name) : Undefined.attribute(obj, name);
        }
        Object attribute = attribute(obj, name);
        if (attribute != null) {
            return attribute == NONE ? null : attribute;
        }
        return item(obj, name, false);
    }

    /** {@code obj[key]}: Jinja2 tries the item first, then (for a string key) the attribute. */
    static Object getitem(Object obj, Object key) {
        if (obj instanceof Undefined u) {
            throw u.fail();
        }
        if (key instanceof SliceKey slice) {
            return slice(obj, slice);
        }
        Object value = item(obj, key, true);
        if (value instanceof Undefined && key instanceof String name) {
            Object attribute = attribute(obj, name);
            if (attribute != null) {
                return attribute == NONE ? null : attribute;
            }
        }
        return value;
    }

    private static final Object NONE = new Object();

    /** The Python attribute {@code name} of {@code obj}, or null when it has none (NONE stands for a None value). */
    static Object attribute(Object obj, String name) {
        if (obj instanceof Namespace ns) {
            return ns.attributes.containsKey(name) ? orNone(ns.attributes.get(name)) : null;
        }
        if (obj instanceof LoopContext loop) {
            return orNone(loop.attribute(name));
        }
        if (obj instanceof PyTuple tuple && tuple.names().contains(name)) {
            return orNone(tuple.items().get(tuple.names().indexOf(name)));
        }
        if (obj instanceof Cycler cycler) {
            return orNone(cycler.attribute(name));
        }
        if (PyMethods.has(obj, name)) {
            return new BoundMethod(obj, name);
        }
        return null;
    }

    private static Object orNone(Object value) {
        return value == null ? NONE : value;
    }

    private static Object item(Object obj, Object key, boolean subscript) {
        if (obj instanceof Map<?, ?> map) {
            Object k = key instanceof String ? key : findKey(map, key);
            return k != null && map.containsKey(k) ? map.get(k) : Undefined.attribute(obj, key);
        }
        if (obj instanceof List || obj instanceof PyTuple || obj instanceof String) {
            if (isInt(key)) {
                List<?> items = obj instanceof String ? null : obj instanceof PyTuple t ? t.items() : (List<?>) obj;
                int size = items == null ? len(obj) : items.size();
                long i = index(key);
                if (i < 0) {
                    i += size;
                }
                if (i < 0 || i >= size) {
                    return Undefined.attribute(obj, key);
                }
                if (items != null) {
                    return items.get((int) i);
                }
                String s = (String) obj;
                int at = s.offsetByCodePoints(0, (int) i);
                return new String(Character.toChars(s.codePointAt(at)));
            }
        }
        return Undefined.attribute(obj, key);
    }

    private static Object findKey(Map<?, ?> map, Object key) {
        for (Object k : map.keySet()) {
            if (eq(k, key)) {
                return k;
            }
        }
        return null;
    }

    record SliceKey(Object start, Object stop, Object step) {
    }

    static Object slice(Object obj, SliceKey slice) {
        long step = slice.step() == null ? 1 : index(slice.step());
        if (step == 0) {
            throw new TemplateError("ValueError", "slice step cannot be zero", 0);
        }
        List<Object> items;
        if (obj instanceof String s) {
            items = iterate(s);
        } else if (obj instanceof List || obj instanceof PyTuple) {
            items = iterate(obj);
        } else {
            throw TemplateError.type("'" + typeName(obj) + "' object is not subscriptable");
        }
        int size = items.size();
        long start;
        long stop;
        if (step > 0) {
            start = slice.start() == null ? 0 : clamp(index(slice.start()), size, 0, size);
            stop = slice.stop() == null ? size : clamp(index(slice.stop()), size, 0, size);
        } else {
            start = slice.start() == null ? size - 1 : clamp(index(slice.start()), size, -1, size - 1);
            stop = slice.stop() == null ? -1 : clamp(index(slice.stop()), size, -1, size - 1);
        }
        List<Object> out = new ArrayList<>();
        for (long i = start; step > 0 ? i < stop : i > stop; i += step) {
            out.add(items.get((int) i));
        }
        if (obj instanceof String) {
            StringBuilder text = new StringBuilder();
            out.forEach(c -> text.append((String) c));
            return text.toString();
        }
        return obj instanceof PyTuple ? new PyTuple(out) : out;
    }

    private static long clamp(long i, int size, long low, long high) {
        if (i < 0) {
            i += size;
        }
        return Math.max(low, Math.min(high, i));
    }
}
