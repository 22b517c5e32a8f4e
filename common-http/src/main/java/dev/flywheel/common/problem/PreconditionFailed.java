package dev.flywheel.common.problem;

/** An {@code If-Match} that names a version the resource no longer has: answered as 412. */
public class PreconditionFailed extends RuntimeException {

    public PreconditionFailed(String message) {
        super(message);
    }
}
