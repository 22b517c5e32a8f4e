package dev.flywheel.run.template;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Jinja2's built-in tests (jinja2/tests.py), with their names and aliases. */
final class Tests {

    interface Test {
        boolean test(Evaluation evaluation, Object value, Object[] args);
    }

    private record Entry(Signature signature, Test test) {
    }

    private static final Map<String, Entry> TESTS = new HashMap<>();

    static {
        one("odd", "test_odd", (e, v, a) -> Py.toBig(intValue(v)).testBit(0));
        one("even", "test_even", (e, v, a) -> !Py.toBig(intValue(v)).testBit(0));
        add("divisibleby", Signature.of("test_divisibleby", 1, 1, "num"),
                (e, v, a) -> Py.eq(Py.binary("%", v, a[0], e), 0L));
        one("defined", "test_defined", (e, v, a) -> !(v instanceof Undefined));
        one("undefined", "test_undefined", (e, v, a) -> v instanceof Undefined);
        one("filter", "test_filter", (e, v, a) -> v instanceof String s && Filters.exists(s));
        one("test", "test_test", (e, v, a) -> v instanceof String s && exists(s));
        one("none", "test_none", (e, v, a) -> v == null);
        one("boolean", "test_boolean", (e, v, a) -> v instanceof Boolean);
        one("false", "test_false", (e, v, a) -> Boolean.FALSE.equals(v));
        one("true", "test_true", (e, v, a) -> Boolean.TRUE.equals(v));
        one("integer", "test_integer", (e, v, a) -> Py.isInt(v) && !(v instanceof Boolean));
        one("float", "test_float", (e, v, a) -> v instanceof Double);
        one("lower", "test_lower", (e, v, a) -> PyMethods.isLower(Py.str(v)));
        one("upper", "test_upper", (e, v, a) -> PyMethods.isUpper(Py.str(v)));
        one("string", "test_string", (e, v, a) -> v instanceof String);
        one("mapping", "test_mapping", (e, v, a) -> v instanceof Map);
        one("number", "test_number", (e, v, a) -> Py.isNumber(v));
        one("sequence", "test_sequence", (e, v, a) -> v instanceof String || v instanceof List || v instanceof Map
                || v instanceof PyTuple);
        one("iterable", "test_iterable", (e, v, a) -> v instanceof String || v instanceof List || v instanceof Map
                || v instanceof PyTuple || v instanceof Undefined);
        one("callable", "callable", (e, v, a) -> v instanceof PyCallable);
        one("escaped", "test_escaped", (e, v, a) -> false);
        add("sameas", Signature.of("test_sameas", 1, 1, "other"), (e, v, a) -> v == a[0]
                || (v instanceof Boolean || v == null || v instanceof String) && Py.eq(v, a[0])
                && Py.typeName(v).equals(Py.typeName(a[0])));
        add("in", Signature.of("test_in", 1, 1, "seq"), (e, v, a) -> Py.contains(a[0], v));
        compare(new String[] {"==", "eq", "equalto"}, "eq", (e, v, a) -> Py.eq(v, a[0]));
        compare(new String[] {"!=", "ne"}, "ne", (e, v, a) -> !Py.eq(v, a[0]));
        compare(new String[] {">", "gt", "greaterthan"}, "gt", (e, v, a) -> order(">", v, a[0]) > 0);
        compare(new String[] {">=", "ge"}, "ge", (e, v, a) -> order(">=", v, a[0]) >= 0);
        compare(new String[] {"<", "lt", "lessthan"}, "lt", (e, v, a) -> order("<", v, a[0]) < 0);
        compare(new String[] {"<=", "le"}, "le", (e, v, a) -> order("<=", v, a[0]) <= 0);
    }

    private Tests() {
    }

    private static void one(String name, String function, Test test) {
        add(name, Signature.of(function, 1, 0), test);
    }

    private static void add(String name, Signature signature, Test test) {
        TESTS.put(name, new Entry(signature, test));
    }

    private static void compare(String[] names, String function, Test test) {
        for (String name : names) {
            add(name, Signature.of(function, 1, 1, "b"), test);
        }
    }

    private static Object intValue(Object v) {
        if (v instanceof Undefined u) {
            throw u.fail();
        }
        if (!Py.isInt(v)) {
            if (v instanceof Double d && d == Math.rint(d)) {
                return (long) (double) d;
            }
            if (v instanceof Double) {
                return 1L;
            }
            throw TemplateError.type("not all arguments converted during string formatting");
        }
        return v;
    }

    private static int order(String op, Object a, Object b) {
        if (a instanceof Undefined u) {
            throw u.fail();
        }
        try {
            return Py.compare(a, b);
        } catch (TemplateError e) {
            throw Py.unorderable(op, a, b);
        }
    }

    static boolean exists(String name) {
        return TESTS.containsKey(name);
    }

    static boolean apply(Evaluation evaluation, String name, Object value, List<Object> args, Map<String, Object> kwargs) {
        Entry entry = TESTS.get(name);
        if (entry == null) {
            throw new TemplateError("TemplateRuntimeError", "No test named '" + name + "' found.", 0);
        }
        return entry.test().test(evaluation, value, entry.signature().bind(args, kwargs));
    }
}
