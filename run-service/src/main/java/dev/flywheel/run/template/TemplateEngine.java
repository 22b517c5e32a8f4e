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

    private record Compiled(List<Node> body, TemplateError error) {
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

    private Compiled compiled(String template) {
        String source = template == null ? "" : template;
        Compiled compiled = cache.get(source);
        if (compiled != null) {
            return compiled;
        }
        try {
            List<Node> body = Parser.parse(source);
            Compiler.check(body);
            compiled = new Compiled(body, null);
        } catch (TemplateError e) {
            compiled = new Compiled(null, e);
        } catch (RuntimeException | StackOverflowError e) {
            // Input the parser was not built for (e.g. nesting deeper than the stack): refuse it, never fail with 500.
            compiled = new Compiled(null, TemplateError.syntax("the template could not be parsed (too deeply nested or"
                    + " malformed)", 0));
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
