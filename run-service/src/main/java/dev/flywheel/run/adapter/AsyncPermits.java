package dev.flywheel.run.adapter;

import io.smallrye.mutiny.Uni;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * {@link ModelCalls}' bound on calls in flight to one provider: a semaphore for asynchronous work, where callers wait
 * in a queue without holding a thread and a permit is released whichever way the work ends (item, failure or
 * cancellation). Kept because nothing on the classpath does this for a {@code Uni}: {@code java.util.concurrent}'s
 * Semaphore blocks a thread (an event loop, here), Mutiny has no permits, and SmallRye Fault Tolerance's
 * asynchronous {@code @Bulkhead} would be a new extension for this one use.
 */
final class AsyncPermits {

    private final int limit;
    private final Deque<Runnable> waiting = new ArrayDeque<>();
    private int inUse;

    AsyncPermits(int limit) {
        this.limit = Math.max(1, limit);
    }

    <T> Uni<T> run(Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            AtomicBoolean cancelled = new AtomicBoolean();
            emitter.onTermination(() -> cancelled.set(true));
            Runnable start = () -> {
                if (cancelled.get()) {
                    release();
                    return;
                }
                Uni<T> started;
                try {
                    started = work.get();
                } catch (RuntimeException e) {
                    release();
                    emitter.fail(e);
                    return;
                }
                started.onTermination().invoke(this::release).subscribe().with(emitter::complete, emitter::fail);
            };
            if (acquireOrQueue(start)) {
                start.run();
            }
        });
    }

    private synchronized boolean acquireOrQueue(Runnable start) {
        if (inUse < limit) {
            inUse++;
            return true;
        }
        waiting.addLast(start);
        return false;
    }

    private void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.pollFirst();
            if (next == null) {
                inUse--;
            }
        }
        if (next != null) {
            next.run();
        }
    }
}
