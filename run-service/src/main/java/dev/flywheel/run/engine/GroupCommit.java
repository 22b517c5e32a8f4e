package dev.flywheel.run.engine;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Group commit for one kind of write: a write that arrives while a transaction of this kind is in flight waits,
 * and all that waited go together in the next transaction, so runs finishing together share one transaction (one
 * commit, one outbox batch) instead of taking one each. A write that finds nothing in flight goes at once: there is
 * no timer, and a quiet replica pays no latency for the grouping.
 * <p>
 * The writer answers one result per item, in order: empty when the item's run is no longer held (the caller turns
 * that into {@link LeaseLost}). When a shared transaction fails, each of its items is tried again in a transaction
 * of its own, so one bad write fails only its own run.
 *
 * @param <T> what is written
 * @param <R> what the writer answers for one item
 */
final class GroupCommit<T, R> {

    private final Pool pool;
    private final BiFunction<SqlConnection, List<T>, Uni<List<Optional<R>>>> writer;
    private final List<Pending<T, R>> waiting = new ArrayList<>();
    private boolean writing;

    GroupCommit(Pool pool, BiFunction<SqlConnection, List<T>, Uni<List<Optional<R>>>> writer) {
        this.pool = pool;
        this.writer = writer;
    }

    /** Writes the item with whatever else is waiting; the answer arrives on the caller's Vert.x context, if any. */
    Uni<Optional<R>> write(T item) {
        return Uni.createFrom().emitter(emitter -> {
            boolean start;
            synchronized (this) {
                waiting.add(new Pending<>(item, emitter, Vertx.currentContext()));
                start = !writing;
                writing = true;
            }
            if (start) {
                flush();
            }
        });
    }

    private void flush() {
        List<Pending<T, R>> group;
        synchronized (this) {
            if (waiting.isEmpty()) {
                writing = false;
                return;
            }
            group = List.copyOf(waiting);
            waiting.clear();
        }
        transaction(group).subscribe().with(results -> {
            for (int i = 0; i < group.size(); i++) {
                group.get(i).complete(results.get(i));
            }
            flush();
        }, failure -> {
            if (group.size() == 1) {
                group.get(0).fail(failure);
            } else {
                group.forEach(this::alone);
            }
            flush();
        });
    }

    private void alone(Pending<T, R> pending) {
        transaction(List.of(pending)).subscribe().with(results -> pending.complete(results.get(0)), pending::fail);
    }

    private Uni<List<Optional<R>>> transaction(List<Pending<T, R>> group) {
        List<T> items = group.stream().map(Pending::item).toList();
        return pool.withTransaction(connection -> writer.apply(connection, items));
    }

    private record Pending<T, R>(T item, UniEmitter<? super Optional<R>> emitter, Context caller) {

        void complete(Optional<R> result) {
            onCaller(() -> emitter.complete(result));
        }

        void fail(Throwable failure) {
            onCaller(() -> emitter.fail(failure));
        }

        // What follows a write (the run's next stage) stays on the run's own context, not the connection's.
        private void onCaller(Runnable action) {
            if (caller == null) {
                action.run();
            } else {
                caller.runOnContext(ignored -> action.run());
            }
        }
    }
}
