package dev.flywheel.cli.api;

/** The gateway could not be reached at all (refused, timed out, unknown host). */
public class Unreachable extends RuntimeException {

    public Unreachable(String base, Throwable cause) {
        super("cannot reach Flywheel at " + base + ": " + (cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getMessage()) + " (set --url or FLYWHEEL_URL)");
    }
}
