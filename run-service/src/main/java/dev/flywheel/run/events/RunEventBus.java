package dev.flywheel.run.events;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * In-process listeners of run progress (SSE streams, the worker's cancellation hook, tests). Events are
 * published after the change they announce has committed; Redis gets the same events from the outbox.
 * A listener that throws is logged and skipped: it never stops the other listeners or the run.
 */
@ApplicationScoped
public class RunEventBus {

    private static final Logger LOG = Logger.getLogger(RunEventBus.class);

    private final List<Consumer<RunEvent>> listeners = new CopyOnWriteArrayList<>();

    /** Adds a listener; closing the answer removes it again. */
    public Registration listen(Consumer<RunEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public void publish(RunEvent event) {
        for (Consumer<RunEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warnf("a run event listener failed on %s of run %s: %s", event.type(), event.runId(), e.toString());
            }
        }
    }

    /** A listener's registration. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
