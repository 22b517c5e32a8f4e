package dev.flywheel.run.template;

import java.util.List;

/** The parsed template: statements and expressions, each with its template line. */
sealed interface Node {

    int line();

    // ---- statements

    record Data(String text, int line) implements Node {
    }

    record Print(Expr expr, int line) implements Node {
    }

    record If(Expr test, List<Node> body, List<Node> orElse, int line) implements Node {
    }

    record For(Expr target, Expr iter, List<Node> body, List<Node> orElse, Expr filter, boolean recursive,
            int line) implements Node {
    }

    record Assign(Expr target, Expr value, int line) implements Node {
    }

    record AssignBlock(Expr target, Expr.Filter filter, List<Node> body, int line) implements Node {
    }

    record MacroDef(String name, List<String> params, List<Expr> defaults, List<Node> body, int line) implements Node {
    }

    record CallBlock(Expr.Call call, List<String> params, List<Expr> defaults, List<Node> body, int line)
            implements Node {
    }

    record FilterBlock(Expr.Filter filter, List<Node> body, int line) implements Node {
    }

    record With(List<Expr> targets, List<Expr> values, List<Node> body, int line) implements Node {
    }

    record Scope(List<Node> body, int line) implements Node {
    }

    record Autoescape(Expr enabled, List<Node> body, int line) implements Node {
    }

    /** include, import, from and extends: Jinja2's default environment has no loader, so they fail when reached. */
    record NoLoader(int line) implements Node {
    }

    // ---- expressions

    sealed interface Expr extends Node {

        record Const(Object value, int line) implements Expr {
        }

        record Name(String name, int line) implements Expr {
        }

        record NsRef(String name, String attr, int line) implements Expr {
        }

        record TupleLit(List<Expr> items, int line) implements Expr {
        }

        record ListLit(List<Expr> items, int line) implements Expr {
        }

        record DictLit(List<Expr> keys, List<Expr> values, int line) implements Expr {
        }

        record Getattr(Expr node, String attr, int line) implements Expr {
        }

        record Getitem(Expr node, Expr key, int line) implements Expr {
        }

        record Slice(Expr start, Expr stop, Expr step, int line) implements Expr {
        }

        record Call(Expr node, List<Expr> args, List<String> kwNames, List<Expr> kwValues, Expr dynArgs,
                Expr dynKwargs, int line) implements Expr {
        }

        /** {@code node} is null in a filter block or {@code set} block, where the body is the value. */
        record Filter(Expr node, String name, List<Expr> args, List<String> kwNames, List<Expr> kwValues, int line)
                implements Expr {
        }

        record Test(Expr node, String name, List<Expr> args, List<String> kwNames, List<Expr> kwValues, int line)
                implements Expr {
        }

        record Unary(String op, Expr node, int line) implements Expr {
        }

        record Binary(String op, Expr left, Expr right, int line) implements Expr {
        }

        record And(Expr left, Expr right, int line) implements Expr {
        }

        record Or(Expr left, Expr right, int line) implements Expr {
        }

        record Not(Expr node, int line) implements Expr {
        }

        record Compare(Expr first, List<String> ops, List<Expr> rest, int line) implements Expr {
        }

        record Concat(List<Expr> nodes, int line) implements Expr {
        }

        record CondExpr(Expr test, Expr then, Expr orElse, int line) implements Expr {
        }
    }
}
