package dev.flywheel.run.template;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A Python function signature for a built-in filter, test or method, so that wrong arguments fail with Python's
 * own wording (the function name Jinja2's message shows, e.g. {@code do_truncate()}). {@code implicit} counts the
 * parameters Jinja2 fills itself (the environment, the value).
 */
record Signature(String function, int implicit, int required, List<String> params) {

    static final Object MISSING = new Object();

    static Signature of(String function, int implicit, int required, String... params) {
        return new Signature(function, implicit, required, List.of(params));
    }

    /** The arguments by parameter position; {@link #MISSING} where the caller gave none. */
    Object[] bind(List<Object> args, Map<String, Object> kwargs) {
        int total = implicit + params.size();
        int given = implicit + args.size();
        if (args.size() > params.size()) {
            int min = implicit + required;
            String takes = min == total ? total + " positional argument" + (total == 1 ? "" : "s")
                    : "from " + min + " to " + total + " positional arguments";
            throw TemplateError.type(function + "() takes " + takes + " but " + given + (given == 1 ? " was" : " were")
                    + " given");
        }
        Object[] values = new Object[params.size()];
        Arrays.fill(values, MISSING);
        for (int i = 0; i < args.size(); i++) {
            values[i] = args.get(i);
        }
        for (Map.Entry<String, Object> kw : kwargs.entrySet()) {
            int at = params.indexOf(kw.getKey());
            if (at < 0) {
                throw TemplateError.type(function + "() got an unexpected keyword argument '" + kw.getKey() + "'");
            }
            if (values[at] != MISSING) {
                throw TemplateError.type(function + "() got multiple values for argument '" + kw.getKey() + "'");
            }
            values[at] = kw.getValue();
        }
        List<String> missing = new java.util.ArrayList<>();
        for (int i = 0; i < required; i++) {
            if (values[i] == MISSING) {
                missing.add("'" + params.get(i) + "'");
            }
        }
        if (!missing.isEmpty()) {
            String names = missing.size() == 1 ? missing.get(0)
                    : String.join(", ", missing.subList(0, missing.size() - 1)) + " and " + missing.get(missing.size() - 1);
            throw TemplateError.type(function + "() missing " + missing.size() + " required positional argument"
                    + (missing.size() == 1 ? "" : "s") + ": " + names);
        }
        return values;
    }

    static Object or(Object value, Object otherwise) {
        return value == MISSING ? otherwise : value;
    }
}
