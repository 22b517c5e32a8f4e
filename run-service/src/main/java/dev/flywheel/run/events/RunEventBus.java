package dev.flywheel.run.events;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.logging.Logger;

/**
 * This replica's listeners of run progress (SSE streams, the worker's cancellation hook, tests). It is fed
 * only by {@link RunEventFeed}, from the events run-service relays to Redis, so every replica hears the
 * progress of runs any replica executes. A listener that throws is logged and skipped: it never stops the
 * other listeners.
 */
@ApplicationScoped
public class RunEventBus {

    private static final Logger LOG = Logger.getLogger(RunEventBus.class);

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /** Adds a listener; closing the answer removes it again. */
    public Registration listen(Listener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public void publish(RunEvent event) {
        for (Listener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warnf("a run event listener failed on %s of run %s: %s", event.type(), event.runId(), e.toString());
            }
        }
    }

    /** Tells every listener the feed has just (re)subscribed: whatever was published meanwhile is lost. */
    public void resubscribed() {
        for (Listener listener : listeners) {
            try {
                listener.onResubscribed();
            } catch (RuntimeException e) {
                LOG.warnf("a run event listener failed on resubscription: %s", e.toString());
            }
        }
    }

    /** A listener of run events. */
    @FunctionalInterface
    public interface Listener {
        void onEvent(RunEvent event);

        /** Pub/sub is at-most-once: a listener that keeps state reads it again here. */
        default void onResubscribed() {
        }
    }

    /** A listener's registration. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
