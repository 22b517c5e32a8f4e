package dev.flywheel.common.persistence;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Group commit for one kind of write: a write that arrives while a transaction of this kind is in flight waits, and
 * all that waited (up to a group's largest size) go together in the next transaction, so writes arriving together
 * share one transaction (one statement, one commit) instead of taking one each. A write that finds nothing in flight
 * goes at once: there is no timer, and a quiet service pays no latency for the grouping.
 * <p>
 * The writer answers one result per item, in the items' order. Each caller gets its own item's result only once the
 * transaction holding it has committed. When a shared transaction fails, each of its items is tried again in a
 * transaction of its own, so one bad write fails only its own caller, with its own error.
 *
 * @param <T> what is written
 * @param <R> what the writer answers for one item
 */
public final class GroupCommit<T, R> {

    private final Pool pool;
    private final int maxGroup;
    private final BiFunction<SqlConnection, List<T>, Uni<List<R>>> writer;
    private final List<Pending<T, R>> waiting = new ArrayList<>();
    private boolean writing;

    /**
     * @param maxGroup most items in one transaction (a bound on the statement's size); more wait for the next one
     * @param writer writes a group inside the transaction it is given and answers one result per item, in order
     */
    public GroupCommit(Pool pool, int maxGroup, BiFunction<SqlConnection, List<T>, Uni<List<R>>> writer) {
        if (maxGroup < 1) {
            throw new IllegalArgumentException("a group holds at least one item, not " + maxGroup);
        }
        this.pool = pool;
        this.maxGroup = maxGroup;
        this.writer = writer;
    }

    /** Writes the item with whatever else is waiting; the answer arrives on the caller's Vert.x context, if any. */
    public Uni<R> write(T item) {
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
            List<Pending<T, R>> next = waiting.subList(0, Math.min(maxGroup, waiting.size()));
            group = List.copyOf(next);
            next.clear();
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

    private Uni<List<R>> transaction(List<Pending<T, R>> group) {
        List<T> items = group.stream().map(Pending::item).toList();
        // Checked inside the transaction: a writer that lost track of its items rolls back instead of committing.
        return pool.withTransaction(connection -> writer.apply(connection, items).invoke(results -> {
            if (results.size() != items.size()) {
                throw new IllegalStateException("the writer answered " + results.size() + " results for "
                        + items.size() + " items");
            }
        }));
    }

    private record Pending<T, R>(T item, UniEmitter<? super R> emitter, Context caller) {

        void complete(R result) {
            onCaller(() -> emitter.complete(result));
        }

        void fail(Throwable failure) {
            onCaller(() -> emitter.fail(failure));
        }

        // What follows a write stays on the caller's own context (its request, its job), not the connection's.
        private void onCaller(Runnable action) {
            if (caller == null) {
                action.run();
            } else {
                caller.runOnContext(ignored -> action.run());
            }
        }
    }
}
