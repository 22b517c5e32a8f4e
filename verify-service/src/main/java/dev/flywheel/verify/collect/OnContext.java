package dev.flywheel.verify.collect;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.Executor;

/**
 * An executor that runs on the caller's Vert.x context. Delays, timeouts and the blocking Kubernetes
 * client resume on other threads; Hibernate Reactive work after them must come back here first.
 */
public final class OnContext {

    private OnContext() {
    }

    public static Executor current() {
        Context context = Vertx.currentContext();
        if (context == null) {
            throw new IllegalStateException("not on a Vert.x context");
        }
        return task -> context.runOnContext(ignored -> task.run());
    }
}
