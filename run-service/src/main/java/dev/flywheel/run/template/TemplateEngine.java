package dev.flywheel.run.template;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prompt templates with Jinja2's semantics ({@code jinja2.Environment()} defaults, SPEC §10). Each distinct template
 * is parsed once and its tree (or its syntax error) is cached; rendering walks the cached tree with a fresh copy of
 * the context. Thread-safe.
 */
public final class TemplateEngine {

    private final Map<String, Compiled> cache = new ConcurrentHashMap<>();
    private final int cacheSize;

    public TemplateEngine(int cacheSize) {
        this.cacheSize = cacheSize;
    }

    /** A parsed template, or its error; {@code substitutionOnly} as {@link #substitutionOnly} answers. */
    private record Compiled(List<Node> body, TemplateError error, boolean substitutionOnly) {
    }

    /**
     * Renders {@code template} with {@code context} (maps, lists, strings, numbers, booleans, null) under
     * {@code limits}; throws {@link TemplateError} with Jinja2's message and the template line.
     */
    public String render(String template, Map<String, Object> context, TemplateLimits limits) {
        Compiled compiled = compiled(template);
        if (compiled.error() != null) {
            throw copy(compiled.error());
        }
        Map<String, Object> variables = new HashMap<>();
        context.forEach((name, value) -> variables.put(name, Py.normalize(value)));
        return new Evaluation(variables, limits).render(compiled.body());
    }

    /**
     * Whether the template only copies text and prints variables (a name, or attributes and constant keys of one): no
     * loop, call, filter, operator or tag. Its render then costs time proportional to its output, which the context
     * bounds, and cannot run away, so a caller may render it on its own thread instead of a renderer's.
     */
    public boolean substitutionOnly(String template) {
        return compiled(template).substitutionOnly();
    }

    private static boolean substitutionOnly(List<Node> body) {
        return body.stream().allMatch(node -> node instanceof Node.Data
                || node instanceof Node.Print print && variable(print.expr()));
    }

    private static boolean variable(Node.Expr expr) {
        if (expr instanceof Node.Expr.Name) {
            return true;
        }
        if (expr instanceof Node.Expr.Getattr attribute) {
            return variable(attribute.node());
        }
        return expr instanceof Node.Expr.Getitem item && item.key() instanceof Node.Expr.Const && variable(item.node());
    }

    private Compiled compiled(String template) {
        String source = template == null ? "" : template;
        Compiled compiled = cache.get(source);
        if (compiled != null) {
            return compiled;
        }
        try {
            List<Node> body = Parser.parse(source);
            Compiler.check(body);
            compiled = new Compiled(body, null, substitutionOnly(body));
        } catch (TemplateError e) {
            compiled = new Compiled(null, e, false);
        } catch (RuntimeException | StackOverflowError e) {
            // Input the parser was not built for (e.g. nesting deeper than the stack): refuse it, never fail with 500.
            compiled = new Compiled(null, TemplateError.syntax("the template could not be parsed (too deeply nested or"
                    + " malformed)", 0), false);
        }
        if (cache.size() >= cacheSize) {
            // Distinct templates are few (a config's stages); a flood of one-off ones just starts the cache afresh.
            cache.clear();
        }
        cache.put(source, compiled);
        return compiled;
    }

    private static TemplateError copy(TemplateError error) {
        return new TemplateError(error.kind(), error.getMessage(), error.line());
    }
}
