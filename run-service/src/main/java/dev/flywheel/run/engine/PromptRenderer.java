package dev.flywheel.run.engine;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context.Library;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.loader.ResourceLocator;
import dev.flywheel.run.RunServiceConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Renders prompt templates with Jinjava, sandboxed: the context holds only maps, lists, strings, numbers
 * and booleans; tags that reach files ({@code include}, {@code import}, {@code from}, {@code extends})
 * are disabled and no resource can be loaded; output size, ranges and recursion are bounded; and
 * rendering runs on its own small pool with a timeout, never on an event-loop thread (SPEC §5).
 */
@ApplicationScoped
public class PromptRenderer {

    private static final Map<Library, Set<String>> DISABLED = Map.of(
            Library.TAG, Set.of("include", "import", "from", "extends"));
    private static final ResourceLocator NO_RESOURCES = (name, encoding, interpreter) -> {
        throw new IOException("templates cannot load other templates");
    };

    private final Jinjava jinjava;
    private final ExecutorService renderers;
    private final RunServiceConfig.Templates config;

    public PromptRenderer(RunServiceConfig config) {
        this.config = config.templates();
        JinjavaConfig jinjavaConfig = JinjavaConfig.newBuilder()
                .withDisabled(DISABLED)
                .withMaxOutputSize(this.config.maxOutputChars())
                .withMaxStringLength(this.config.maxOutputChars())
                .withRangeLimit(this.config.rangeLimit())
                .withMaxListSize(this.config.rangeLimit())
                .withMaxMapSize(this.config.rangeLimit())
                .withMaxRenderDepth(10)
                .withEnableRecursiveMacroCalls(false)
                .withNestedInterpretationEnabled(false)
                .withFailOnUnknownTokens(false)
                .build();
        this.jinjava = new Jinjava(jinjavaConfig);
        this.jinjava.setResourceLocator(NO_RESOURCES);
        AtomicInteger threads = new AtomicInteger();
        this.renderers = Executors.newFixedThreadPool(this.config.renderThreads(), task -> {
            Thread thread = new Thread(task, "prompt-renderer-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Renders off the event loop; fails with {@link TemplateFailure} on a template error or timeout. */
    public Uni<String> render(String template, Map<String, Object> context) {
        // Continue on the caller's Vert.x context (if any) so that what follows stays on its event loop.
        Context caller = Vertx.currentContext();
        Executor back = caller == null ? Infrastructure.getDefaultExecutor()
                : command -> caller.runOnContext(ignored -> command.run());
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
                .ifNoItem().after(config.renderTimeout())
                .failWith(() -> new TemplateFailure("rendering took longer than " + config.renderTimeout().toMillis() + " ms"))
                .emitOn(back);
    }

    /** Renders on the calling thread; for pure tests and for the render pool. */
    public String renderNow(String template, Map<String, Object> context) {
        RenderResult result = jinjava.renderForResult(template == null ? "" : template, context);
        String fatal = result.getErrors().stream()
                .filter(error -> error.getSeverity() == TemplateError.ErrorType.FATAL)
                .map(PromptRenderer::describe)
                .collect(Collectors.joining("; "));
        if (!fatal.isEmpty()) {
            throw new TemplateFailure(fatal);
        }
        return result.getOutput();
    }

    private static String describe(TemplateError error) {
        return error.getLineno() > 0 ? error.getMessage() + " (line " + error.getLineno() + ")" : error.getMessage();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        renderers.shutdownNow();
        renderers.awaitTermination(1, TimeUnit.SECONDS);
    }
}
