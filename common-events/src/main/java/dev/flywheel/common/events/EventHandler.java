package dev.flywheel.common.events;

import io.smallrye.mutiny.Uni;

/**
 * Handles one event read from a durable stream. The returned Uni completes once the handler's own
 * transaction has committed; only then is the entry acknowledged. Handlers must be idempotent by
 * {@link CloudEvent#id()}: delivery is at least once.
 */
@FunctionalInterface
public interface EventHandler {

    Uni<Void> handle(CloudEvent event);
}
