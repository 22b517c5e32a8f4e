package dev.flywheel.run.template;

import dev.flywheel.run.template.Node.Expr;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What Jinja2's compiler checks before a template renders: a filter or test that does not exist fails the template
 * ({@code No filter named 'x'.}), except inside an {@code if} or an inline if, where Jinja2 defers the error until
 * the filter is actually used.
 */
final class Compiler {

    private Compiler() {
    }

    static void check(List<Node> body) {
        checkAll(body, false);
    }

    private static void checkAll(List<? extends Node> nodes, boolean soft) {
        for (Node node : nodes) {
            if (node != null) {
                check(node, soft);
            }
        }
    }

    private static void check(Node node, boolean soft) {
        if (node instanceof Node.Print print) {
            check(print.expr(), soft);
        } else if (node instanceof Node.If branch) {
            check(branch.test(), true);
            checkAll(branch.body(), true);
            checkAll(branch.orElse(), true);
        } else if (node instanceof Node.For loop) {
            check(loop.iter(), soft);
            if (loop.filter() != null) {
                check(loop.filter(), false);
            }
            checkAll(loop.body(), false);
            checkAll(loop.orElse(), false);
        } else if (node instanceof Node.Assign assign) {
            check(assign.value(), soft);
        } else if (node instanceof Node.AssignBlock block) {
            checkAll(block.body(), false);
            if (block.filter() != null) {
                check(block.filter(), false);
            }
        } else if (node instanceof Node.MacroDef def) {
            checkAll(def.defaults(), false);
            checkAll(def.body(), false);
        } else if (node instanceof Node.CallBlock block) {
            check(block.call(), soft);
            checkAll(block.defaults(), false);
            checkAll(block.body(), false);
        } else if (node instanceof Node.FilterBlock block) {
            check(block.filter(), false);
            checkAll(block.body(), false);
        } else if (node instanceof Node.With with) {
            checkAll(with.values(), soft);
            checkAll(with.body(), false);
        } else if (node instanceof Node.Scope block) {
            checkAll(block.body(), false);
        } else if (node instanceof Node.Autoescape block) {
            check(block.enabled(), soft);
            checkAll(block.body(), soft);
        } else if (node instanceof Expr expr) {
            checkExpr(expr, soft);
        }
    }

    private static void checkExpr(Expr expr, boolean soft) {
        if (expr instanceof Expr.Filter filter) {
            if (!soft && !Filters.exists(filter.name())) {
                throw new TemplateError("TemplateAssertionError", "No filter named '" + filter.name() + "'.",
                        filter.line());
            }
            if (filter.node() != null) {
                checkExpr(filter.node(), soft);
            }
            checkAll(filter.args(), soft);
            checkAll(filter.kwValues(), soft);
        } else if (expr instanceof Expr.Test test) {
            if (!soft && !Tests.exists(test.name())) {
                throw new TemplateError("TemplateAssertionError", "No test named '" + test.name() + "'.", test.line());
            }
            checkExpr(test.node(), soft);
            checkAll(test.args(), soft);
            checkAll(test.kwValues(), soft);
        } else if (expr instanceof Expr.CondExpr cond) {
            checkExpr(cond.then(), true);
            checkExpr(cond.test(), true);
            if (cond.orElse() != null) {
                checkExpr(cond.orElse(), true);
            }
        } else {
            children(expr).forEach(child -> checkExpr(child, soft));
        }
    }

    private static List<Expr> children(Expr expr) {
        List<Expr> out = new java.util.ArrayList<>();
        if (expr instanceof Expr.TupleLit t) {
            out.addAll(t.items());
        } else if (expr instanceof Expr.ListLit l) {
            out.addAll(l.items());
        } else if (expr instanceof Expr.DictLit d) {
            out.addAll(d.keys());
            out.addAll(d.values());
        } else if (expr instanceof Expr.Getattr g) {
            out.add(g.node());
        } else if (expr instanceof Expr.Getitem g) {
            out.add(g.node());
            out.add(g.key());
        } else if (expr instanceof Expr.Slice s) {
            out.add(s.start());
            out.add(s.stop());
            out.add(s.step());
        } else if (expr instanceof Expr.Call c) {
            out.add(c.node());
            out.addAll(c.args());
            out.addAll(c.kwValues());
            out.add(c.dynArgs());
            out.add(c.dynKwargs());
        } else if (expr instanceof Expr.Unary u) {
            out.add(u.node());
        } else if (expr instanceof Expr.Binary b) {
            out.add(b.left());
            out.add(b.right());
        } else if (expr instanceof Expr.And a) {
            out.add(a.left());
            out.add(a.right());
        } else if (expr instanceof Expr.Or o) {
            out.add(o.left());
            out.add(o.right());
        } else if (expr instanceof Expr.Not n) {
            out.add(n.node());
        } else if (expr instanceof Expr.Compare c) {
            out.add(c.first());
            out.addAll(c.rest());
        } else if (expr instanceof Expr.Concat c) {
            out.addAll(c.nodes());
        }
        out.removeIf(java.util.Objects::isNull);
        return out;
    }

    /** The names a macro body reads, to know whether it takes varargs, kwargs or a caller (as Jinja2 decides). */
    static Set<String> referencedNames(List<Node> body) {
        Set<String> names = new HashSet<>();
        collect(body, names);
        return names;
    }

    private static void collect(List<? extends Node> nodes, Set<String> names) {
        for (Node node : nodes) {
            if (node != null) {
                collect(node, names);
            }
        }
    }

    private static void collect(Node node, Set<String> names) {
        if (node instanceof Expr.Name name) {
            names.add(name.name());
        } else if (node instanceof Expr.Filter f) {
            if (f.node() != null) {
                collect(f.node(), names);
            }
            collect(f.args(), names);
            collect(f.kwValues(), names);
        } else if (node instanceof Expr.Test t) {
            collect(t.node(), names);
            collect(t.args(), names);
            collect(t.kwValues(), names);
        } else if (node instanceof Expr.CondExpr c) {
            collect(c.test(), names);
            collect(c.then(), names);
            if (c.orElse() != null) {
                collect(c.orElse(), names);
            }
        } else if (node instanceof Expr expr) {
            collect(children(expr), names);
        } else if (node instanceof Node.Print p) {
            collect(p.expr(), names);
        } else if (node instanceof Node.If i) {
            collect(i.test(), names);
            collect(i.body(), names);
            collect(i.orElse(), names);
        } else if (node instanceof Node.For f) {
            collect(f.iter(), names);
            if (f.filter() != null) {
                collect(f.filter(), names);
            }
            collect(f.body(), names);
            collect(f.orElse(), names);
        } else if (node instanceof Node.Assign a) {
            collect(a.value(), names);
        } else if (node instanceof Node.AssignBlock a) {
            collect(a.body(), names);
        } else if (node instanceof Node.CallBlock c) {
            collect(c.call(), names);
        } else if (node instanceof Node.FilterBlock f) {
            collect(f.body(), names);
            collect(f.filter(), names);
        } else if (node instanceof Node.With w) {
            collect(w.values(), names);
            collect(w.body(), names);
        } else if (node instanceof Node.Scope s) {
            collect(s.body(), names);
        } else if (node instanceof Node.Autoescape a) {
            collect(a.body(), names);
        }
    }
}
