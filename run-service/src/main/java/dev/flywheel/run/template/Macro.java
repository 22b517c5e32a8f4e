package dev.flywheel.run.template;

import dev.flywheel.run.template.Node.Expr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code {% macro %}} (or the {@code caller} of a call block), called as Jinja2's runtime.Macro is: positional
 * arguments, then keywords, then defaults evaluated at call time; extra arguments only when the body uses
 * {@code varargs} / {@code kwargs}.
 */
final class Macro implements PyCallable {

    private final String name;
    private final List<String> params;
    private final List<Expr> defaults;
    private final List<Node> body;
    private final Scope closure;
    private final boolean catchVarargs;
    private final boolean catchKwargs;
    private final boolean usesCaller;

    Macro(String name, List<String> params, List<Expr> defaults, List<Node> body, Scope closure,
            java.util.Set<String> referenced) {
        this.name = name;
        this.params = params;
        this.defaults = defaults;
        this.body = body;
        this.closure = closure;
        this.catchVarargs = referenced.contains("varargs");
        this.catchKwargs = referenced.contains("kwargs");
        this.usesCaller = referenced.contains("caller");
    }

    String name() {
        return name;
    }

    @Override
    public Object call(Evaluation evaluation, List<Object> args, Map<String, Object> kwargs) {
        Map<String, Object> rest = new LinkedHashMap<>(kwargs);
        Scope scope = new Scope(closure);
        Object caller = Signature.MISSING;
        boolean foundCaller = false;
        for (int i = 0; i < params.size(); i++) {
            String param = params.get(i);
            Object value = i < args.size() ? args.get(i) : rest.containsKey(param) ? rest.remove(param) : Signature.MISSING;
            if (param.equals("caller") && i >= args.size()) {
                foundCaller = true;
            }
            scope.set(param, value);
        }
        if (usesCaller && !foundCaller) {
            caller = rest.containsKey("caller") ? rest.remove("caller") : Undefined.because("No caller defined");
            scope.set("caller", caller);
        }
        if (catchKwargs) {
            scope.set("kwargs", rest);
        } else if (!rest.isEmpty()) {
            if (rest.containsKey("caller")) {
                throw TemplateError.type("macro '" + name + "' was invoked with two values for the special caller"
                        + " argument. This is most likely a bug.");
            }
            throw TemplateError.type("macro '" + name + "' takes no keyword argument '" + rest.keySet().iterator().next()
                    + "'");
        }
        if (catchVarargs) {
            scope.set("varargs", new PyTuple(args.size() > params.size()
                    ? new ArrayList<>(args.subList(params.size(), args.size())) : List.of()));
        } else if (args.size() > params.size()) {
            throw TemplateError.type("macro '" + name + "' takes not more than " + params.size() + " argument(s)");
        }
        int firstDefault = params.size() - defaults.size();
        for (int i = 0; i < params.size(); i++) {
            if (scope.lookup(params.get(i)) == Signature.MISSING) {
                scope.set(params.get(i), i >= firstDefault ? evaluation.eval(defaults.get(i - firstDefault), scope)
                        : Undefined.because("parameter '" + params.get(i) + "' was not provided"));
            }
        }
        return evaluation.renderMacro(body, scope);
    }
}
