package dev.flywheel.run.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Jinja2's default globals: range, dict, namespace, cycler, joiner. */
final class Globals {

    private static final Map<String, Object> GLOBALS = Map.of(
            "range", (PyCallable) Globals::range,
            "dict", (PyCallable) (evaluation, args, kwargs) -> {
                Map<Object, Object> dict = new LinkedHashMap<>();
                if (!args.isEmpty() && args.get(0) instanceof Map<?, ?> map) {
                    dict.putAll(map);
                }
                dict.putAll(kwargs);
                return dict;
            },
            "namespace", (PyCallable) (evaluation, args, kwargs) -> {
                Namespace ns = new Namespace();
                if (!args.isEmpty() && args.get(0) instanceof Map<?, ?> map) {
                    map.forEach((k, v) -> ns.attributes.put(String.valueOf(k), v));
                }
                ns.attributes.putAll(kwargs);
                return ns;
            },
            "cycler", (PyCallable) (evaluation, args, kwargs) -> {
                if (args.isEmpty()) {
                    throw TemplateError.type("at least one item has to be provided");
                }
                return new Cycler(new ArrayList<>(args));
            },
            "joiner", (PyCallable) (evaluation, args, kwargs) -> {
                String sep = Py.str(!args.isEmpty() ? args.get(0) : kwargs.getOrDefault("sep", ", "));
                boolean[] used = {false};
                return (PyCallable) (e, a, k) -> {
                    if (!used[0]) {
                        used[0] = true;
                        return "";
                    }
                    return sep;
                };
            });

    private Globals() {
    }

    static Object get(String name) {
        return GLOBALS.get(name);
    }

    private static Object range(Evaluation evaluation, List<Object> args, Map<String, Object> kwargs) {
        if (!kwargs.isEmpty()) {
            throw TemplateError.type("range() takes no keyword arguments");
        }
        if (args.isEmpty() || args.size() > 3) {
            throw TemplateError.type(args.isEmpty() ? "range expected at least 1 argument, got 0"
                    : "range expected at most 3 arguments, got " + args.size());
        }
        long start = args.size() == 1 ? 0 : Py.index(args.get(0));
        long stop = Py.index(args.get(args.size() == 1 ? 0 : 1));
        long step = args.size() == 3 ? Py.index(args.get(2)) : 1;
        if (step == 0) {
            throw new TemplateError("ValueError", "range() arg 3 must not be zero", 0);
        }
        long count = step > 0 ? (stop > start ? (stop - start + step - 1) / step : 0)
                : (start > stop ? (start - stop - step - 1) / -step : 0);
        // range() is how a template asks for a long loop: refuse one longer than a render may loop at all.
        evaluation.checkLength(count);
        List<Object> values = new ArrayList<>((int) count);
        for (long i = 0, v = start; i < count; i++, v += step) {
            values.add(v);
        }
        return values;
    }
}
