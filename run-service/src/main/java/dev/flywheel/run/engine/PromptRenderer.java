package dev.flywheel.run.engine;

import dev.flywheel.run.RunServiceConfig;
import dev.flywheel.run.template.TemplateEngine;
import dev.flywheel.run.template.TemplateError;
import dev.flywheel.run.template.TemplateLimits;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Renders prompt templates as Jinja2 does (SPEC §10) with run-service's own engine, sandboxed: the context holds only
 * maps, lists, strings, numbers and booleans; no template can load another; output size, loop iterations, macro
 * nesting and time are bounded, and hitting a bound fails the render naming it. Rendering runs on its own small pool,
 * never on an event-loop thread, except for a template that only substitutes variables.
 */
@ApplicationScoped
public class PromptRenderer {

    private final TemplateEngine engine;
    private final TemplateLimits limits;
    private final ExecutorService renderers;

    public PromptRenderer(RunServiceConfig config) {
        RunServiceConfig.Templates templates = config.templates();
        this.engine = new TemplateEngine(templates.cacheSize());
        this.limits = new TemplateLimits(templates.maxOutputChars(), templates.maxLoopIterations(),
                templates.maxCallDepth(), templates.renderTimeout());
        AtomicInteger threads = new AtomicInteger();
        this.renderers = Executors.newFixedThreadPool(templates.renderThreads(), task -> {
            Thread thread = new Thread(task, "prompt-renderer-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Renders off the event loop, unless the template only substitutes variables (most prompts: "Say {{ input }}"),
     * whose render is as cheap as copying its output and cannot run away: that one renders at once, sparing two
     * thread hops per stage. Fails with {@link TemplateFailure} on a template error or a limit.
     */
    public Uni<String> render(String template, Map<String, Object> context) {
        if (engine.substitutionOnly(template)) {
            return Uni.createFrom().item(() -> renderNow(template, context));
        }
        // Continue on the caller's Vert.x context (if any) so that what follows stays on its event loop.
        Context caller = Vertx.currentContext();
        Executor back = caller == null ? Infrastructure.getDefaultExecutor()
                : command -> caller.runOnContext(ignored -> command.run());
        // The render checks its own deadline; this one only catches a render stuck where it cannot check.
        java.time.Duration backstop = limits.renderTime().plusSeconds(1);
        return Uni.createFrom().<String>emitter(emitter -> {
            Future<?> task = renderers.submit(() -> {
                try {
                    emitter.complete(renderNow(template, context));
                } catch (RuntimeException e) {
                    emitter.fail(e);
                }
            });
            emitter.onTermination(() -> task.cancel(true));
        })
                .ifNoItem().after(backstop)
                .failWith(() -> new TemplateFailure("rendering exceeds the render time limit of "
                        + limits.renderTime().toMillis() + " ms (run.templates.render-timeout)"))
                .emitOn(back);
    }

    /** Renders on the calling thread; the message of a failure is {@code line L: <Jinja2's message>}. */
    public String renderNow(String template, Map<String, Object> context) {
        try {
            return engine.render(template, context, limits);
        } catch (TemplateError e) {
            throw new TemplateFailure(e.describe());
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        renderers.shutdownNow();
        renderers.awaitTermination(1, TimeUnit.SECONDS);
    }
}
