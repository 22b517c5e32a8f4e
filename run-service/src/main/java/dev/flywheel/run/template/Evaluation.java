package dev.flywheel.run.template;

import dev.flywheel.run.template.Node.Expr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One render of a compiled template: walks the tree with Jinja2's scoping, Python's semantics and the render's
 * limits. Not thread-safe; a new one per render.
 */
final class Evaluation implements TemplateLimitsCheck {

    private final Map<String, Object> context;
    private final TemplateLimits limits;
    private final long deadline;
    private long loopIterations;
    private int depth;
    private boolean autoescape;

    Evaluation(Map<String, Object> context, TemplateLimits limits) {
        this.context = context;
        this.limits = limits;
        this.deadline = System.nanoTime() + limits.renderTime().toNanos();
    }

    String render(List<Node> body) {
        StringBuilder out = new StringBuilder();
        exec(body, new Scope(null), out);
        return out.toString();
    }

    // ---- limits

    @Override
    public void checkSize(long chars) {
        if (chars > limits.maxOutputChars()) {
            throw new LimitExceeded("the rendered text exceeds the output size limit of " + limits.maxOutputChars()
                    + " characters (run.templates.max-output-chars)");
        }
    }

    @Override
    public void checkLoop(long iterations) {
        loopIterations += iterations;
        if (loopIterations > limits.maxLoopIterations()) {
            throw new LimitExceeded("the template exceeds the loop limit of " + limits.maxLoopIterations()
                    + " iterations (run.templates.max-loop-iterations)");
        }
        checkTime();
    }

    /** Fails when one sequence would be longer than the loop limit (a range(), a repeated list). */
    void checkLength(long items) {
        if (items > limits.maxLoopIterations()) {
            throw new LimitExceeded("range of " + items + " items exceeds the loop limit of "
                    + limits.maxLoopIterations() + " iterations (run.templates.max-loop-iterations)");
        }
    }

    void checkTime() {
        if (System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
            throw new LimitExceeded("rendering exceeds the render time limit of " + limits.renderTime().toMillis()
                    + " ms (run.templates.render-timeout)");
        }
    }

    private void write(StringBuilder out, String text) {
        checkSize((long) out.length() + text.length());
        out.append(text);
    }

    // ---- statements

    void exec(List<Node> body, Scope scope, StringBuilder out) {
        for (Node node : body) {
            try {
                execOne(node, scope, out);
            } catch (TemplateError e) {
                throw e.atLine(node.line());
            } catch (RuntimeException e) {
                // A value used in a way no built-in expects (e.g. a list where a mapping must be): say so without
                // the Java exception, whose class name means nothing to a prompt author.
                throw new TemplateError("TypeError", "a value of this template is not of the type its use needs",
                        node.line());
            } catch (StackOverflowError e) {
                throw new LimitExceeded("the template nests too deeply to render");
            }
        }
    }

    private void execOne(Node node, Scope scope, StringBuilder out) {
        if (node instanceof Node.Data data) {
            write(out, data.text());
        } else if (node instanceof Node.Print print) {
            Object value = eval(print.expr(), scope);
            write(out, autoescape ? Filters.escape(Py.str(value)) : Py.str(value));
        } else if (node instanceof Node.If branch) {
            exec(Py.truthy(eval(branch.test(), scope)) ? branch.body() : branch.orElse(), scope, out);
        } else if (node instanceof Node.For loop) {
            write(out, renderLoop(loop, eval(loop.iter(), scope), 0, scope));
        } else if (node instanceof Node.Assign assign) {
            assign(assign.target(), eval(assign.value(), scope), scope);
        } else if (node instanceof Node.AssignBlock block) {
            StringBuilder buffer = new StringBuilder();
            exec(block.body(), new Scope(scope), buffer);
            Object value = buffer.toString();
            if (block.filter() != null) {
                value = applyFilters(block.filter(), value, scope);
            }
            assign(block.target(), value, scope);
        } else if (node instanceof Node.MacroDef def) {
            scope.set(def.name(), new Macro(def.name(), def.params(), def.defaults(), def.body(), scope,
                    Compiler.referencedNames(def.body())));
        } else if (node instanceof Node.CallBlock block) {
            Macro caller = new Macro("caller", block.params(), block.defaults(), block.body(), scope,
                    Compiler.referencedNames(block.body()));
            Expr.Call call = block.call();
            List<String> kwNames = new ArrayList<>(call.kwNames());
            List<Expr> kwValues = new ArrayList<>(call.kwValues());
            kwNames.add("caller");
            kwValues.add(new Expr.Const(caller, block.line()));
            write(out, Py.str(eval(new Expr.Call(call.node(), call.args(), kwNames, kwValues, call.dynArgs(),
                    call.dynKwargs(), call.line()), scope)));
        } else if (node instanceof Node.FilterBlock block) {
            StringBuilder buffer = new StringBuilder();
            exec(block.body(), new Scope(scope), buffer);
            write(out, Py.str(applyFilters(block.filter(), buffer.toString(), new Scope(scope))));
        } else if (node instanceof Node.With with) {
            Scope inner = new Scope(scope);
            for (int i = 0; i < with.targets().size(); i++) {
                assign(with.targets().get(i), eval(with.values().get(i), scope), inner);
            }
            exec(with.body(), inner, out);
        } else if (node instanceof Node.Scope block) {
            exec(block.body(), new Scope(scope), out);
        } else if (node instanceof Node.Autoescape block) {
            boolean before = autoescape;
            autoescape = Py.truthy(eval(block.enabled(), scope));
            try {
                exec(block.body(), scope, out);
            } finally {
                autoescape = before;
            }
        } else if (node instanceof Node.NoLoader) {
            throw TemplateError.type("no loader for this environment specified");
        } else {
            write(out, Py.str(eval((Expr) node, scope)));
        }
    }

    /**
     * A for loop (or a recursive loop() call) rendered to text. Each iteration gets a fresh scope, as in Jinja2: a name
     * set in one iteration is not seen by the next (namespace() is how a template carries a value across).
     */
    String renderLoop(Node.For node, Object iterable, int depth0, Scope outer) {
        List<Object> items = new ArrayList<>(Py.iterate(iterable));
        if (node.filter() != null) {
            List<Object> kept = new ArrayList<>();
            for (Object item : items) {
                checkLoop(1);
                Scope test = new Scope(outer);
                assign(node.target(), item, test);
                if (Py.truthy(eval(node.filter(), test))) {
                    kept.add(item);
                }
            }
            items = kept;
        }
        StringBuilder out = new StringBuilder();
        if (items.isEmpty()) {
            exec(node.orElse(), new Scope(outer), out);
            return out.toString();
        }
        LoopContext loop = new LoopContext(items, depth0, node, outer);
        for (int i = 0; i < items.size(); i++) {
            checkLoop(1);
            loop.index0 = i;
            Scope iteration = new Scope(outer);
            iteration.set("loop", loop);
            assign(node.target(), items.get(i), iteration);
            exec(node.body(), iteration, out);
        }
        return out.toString();
    }

    String renderMacro(List<Node> body, Scope scope) {
        if (++depth > limits.maxCallDepth()) {
            throw new LimitExceeded("the template exceeds the limit of " + limits.maxCallDepth()
                    + " nested macro calls");
        }
        checkTime();
        try {
            StringBuilder out = new StringBuilder();
            exec(body, scope, out);
            return out.toString();
        } finally {
            depth--;
        }
    }

    private void assign(Expr target, Object value, Scope scope) {
        if (target instanceof Expr.Name name) {
            scope.set(name.name(), value);
        } else if (target instanceof Expr.NsRef ref) {
            Object ns = lookup(ref.name(), scope);
            if (!(ns instanceof Namespace namespace)) {
                throw new TemplateError("TemplateRuntimeError", "cannot assign attribute on non-namespace object",
                        ref.line());
            }
            namespace.attributes.put(ref.attr(), value);
        } else if (target instanceof Expr.TupleLit tuple) {
            List<Object> items = Py.iterate(value);
            int expected = tuple.items().size();
            if (items.size() > expected) {
                throw new TemplateError("ValueError", "too many values to unpack (expected " + expected + ")", 0);
            }
            if (items.size() < expected) {
                throw new TemplateError("ValueError", "not enough values to unpack (expected " + expected + ", got "
                        + items.size() + ")", 0);
            }
            for (int i = 0; i < expected; i++) {
                assign(tuple.items().get(i), items.get(i), scope);
            }
        } else {
            throw TemplateError.syntax("can't assign to this target", target.line());
        }
    }

    private Object lookup(String name, Scope scope) {
        Object value = scope.lookup(name);
        if (Scope.found(value)) {
            return value;
        }
        if (context.containsKey(name)) {
            return context.get(name);
        }
        Object global = Globals.get(name);
        return global != null ? global : Undefined.named(name);
    }

    // ---- expressions

    Object eval(Expr expr, Scope scope) {
        try {
            return evalOne(expr, scope);
        } catch (TemplateError e) {
            throw e.atLine(expr.line());
        } catch (StackOverflowError e) {
            throw new LimitExceeded("the template nests too deeply to render");
        }
    }

    private Object evalOne(Expr expr, Scope scope) {
        if (expr instanceof Expr.Const c) {
            return c.value();
        }
        if (expr instanceof Expr.Name name) {
            return lookup(name.name(), scope);
        }
        if (expr instanceof Expr.Getattr get) {
            return Py.getattr(eval(get.node(), scope), get.attr());
        }
        if (expr instanceof Expr.Filter filter) {
            return applyFilters(filter, null, scope);
        }
        if (expr instanceof Expr.Call call) {
            return evalCall(call, scope);
        }
        if (expr instanceof Expr.Getitem get) {
            Object target = eval(get.node(), scope);
            Object key = get.key() instanceof Expr.Slice slice
                    ? new Py.SliceKey(evalOrNull(slice.start(), scope), evalOrNull(slice.stop(), scope),
                            evalOrNull(slice.step(), scope))
                    : eval(get.key(), scope);
            return Py.getitem(target, key);
        }
        if (expr instanceof Expr.Compare compare) {
            Object left = eval(compare.first(), scope);
            for (int i = 0; i < compare.ops().size(); i++) {
                Object right = eval(compare.rest().get(i), scope);
                if (!compare(compare.ops().get(i), left, right)) {
                    return false;
                }
                left = right;
            }
            return true;
        }
        if (expr instanceof Expr.Test test) {
            return Tests.apply(this, test.name(), eval(test.node(), scope), evalAll(test.args(), scope),
                    kwargs(test.kwNames(), test.kwValues(), scope));
        }
        if (expr instanceof Expr.Binary binary) {
            return Py.binary(binary.op(), eval(binary.left(), scope), eval(binary.right(), scope), this);
        }
        if (expr instanceof Expr.And and) {
            Object left = eval(and.left(), scope);
            return Py.truthy(left) ? eval(and.right(), scope) : left;
        }
        if (expr instanceof Expr.Or or) {
            Object left = eval(or.left(), scope);
            return Py.truthy(left) ? left : eval(or.right(), scope);
        }
        if (expr instanceof Expr.Not not) {
            return !Py.truthy(eval(not.node(), scope));
        }
        if (expr instanceof Expr.Concat concat) {
            StringBuilder text = new StringBuilder();
            for (Expr part : concat.nodes()) {
                String piece = Py.str(eval(part, scope));
                checkSize((long) text.length() + piece.length());
                text.append(piece);
            }
            return text.toString();
        }
        if (expr instanceof Expr.CondExpr cond) {
            if (Py.truthy(eval(cond.test(), scope))) {
                return eval(cond.then(), scope);
            }
            return cond.orElse() != null ? eval(cond.orElse(), scope)
                    : Undefined.because("the inline if-expression on line " + cond.line()
                            + " evaluated to false and no else section was defined.");
        }
        if (expr instanceof Expr.Unary unary) {
            Object value = eval(unary.node(), scope);
            if (value instanceof Undefined u) {
                throw u.fail();
            }
            return unary.op().equals("-") ? Py.neg(value) : Py.pos(value);
        }
        if (expr instanceof Expr.NsRef ref) {
            return Py.getattr(lookup(ref.name(), scope), ref.attr());
        }
        if (expr instanceof Expr.TupleLit tuple) {
            return new PyTuple(evalAll(tuple.items(), scope));
        }
        if (expr instanceof Expr.ListLit list) {
            return evalAll(list.items(), scope);
        }
        if (expr instanceof Expr.DictLit dict) {
            Map<Object, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < dict.keys().size(); i++) {
                Object key = eval(dict.keys().get(i), scope);
                Py.hashKey(key);
                map.put(key, eval(dict.values().get(i), scope));
            }
            return map;
        }
        throw TemplateError.type("a slice is only allowed inside []");
    }

    private Object evalOrNull(Expr expr, Scope scope) {
        return expr == null ? null : eval(expr, scope);
    }

    private List<Object> evalAll(List<Expr> exprs, Scope scope) {
        List<Object> values = new ArrayList<>(exprs.size());
        for (Expr expr : exprs) {
            values.add(eval(expr, scope));
        }
        return values;
    }

    private Map<String, Object> kwargs(List<String> names, List<Expr> values, Scope scope) {
        if (names.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> kwargs = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            kwargs.put(names.get(i), eval(values.get(i), scope));
        }
        return kwargs;
    }

    private static boolean compare(String op, Object left, Object right) {
        switch (op) {
            case "==" -> {
                return Py.eq(left, right);
            }
            case "!=" -> {
                return !Py.eq(left, right);
            }
            case "in" -> {
                return Py.contains(right, left);
            }
            case "notin" -> {
                return !Py.contains(right, left);
            }
            default -> {
                if (left instanceof Undefined u) {
                    throw u.fail();
                }
                if (right instanceof Undefined u) {
                    throw u.fail();
                }
                int order;
                try {
                    order = Py.compare(left, right);
                } catch (TemplateError e) {
                    throw Py.unorderable(op, left, right);
                }
                return switch (op) {
                    case "<" -> order < 0;
                    case "<=" -> order <= 0;
                    case ">" -> order > 0;
                    default -> order >= 0;
                };
            }
        }
    }

    private Object evalCall(Expr.Call call, Scope scope) {
        Object fn = eval(call.node(), scope);
        List<Object> args = evalAll(call.args(), scope);
        Map<String, Object> kwargs = new LinkedHashMap<>(kwargs(call.kwNames(), call.kwValues(), scope));
        if (call.dynArgs() != null) {
            args.addAll(Py.iterate(eval(call.dynArgs(), scope)));
        }
        if (call.dynKwargs() != null && eval(call.dynKwargs(), scope) instanceof Map<?, ?> extra) {
            extra.forEach((k, v) -> kwargs.put(String.valueOf(k), v));
        }
        return call(fn, args, kwargs);
    }

    Object call(Object fn, List<Object> args, Map<String, Object> kwargs) {
        if (fn instanceof Undefined u) {
            throw u.fail();
        }
        if (fn instanceof PyCallable callable) {
            return callable.call(this, args, kwargs);
        }
        throw TemplateError.type("'" + Py.typeName(fn) + "' object is not callable");
    }

    /** A filter chain ({@code a|b|c}); {@code input} is the value of a filter block's body when the chain has none. */
    private Object applyFilters(Expr.Filter filter, Object input, Scope scope) {
        Object value = filter.node() == null ? input
                : filter.node() instanceof Expr.Filter inner ? applyFilters(inner, input, scope)
                : eval(filter.node(), scope);
        try {
            return Filters.apply(this, filter.name(), value, evalAll(filter.args(), scope),
                    kwargs(filter.kwNames(), filter.kwValues(), scope));
        } catch (TemplateError e) {
            throw e.atLine(filter.line());
        }
    }
}
