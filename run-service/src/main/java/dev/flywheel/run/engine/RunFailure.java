package dev.flywheel.run.engine;

/** Ends a run as failed with a message for the user (a template error, a limit, an adapter failure). */
public class RunFailure extends RuntimeException {

    public RunFailure(String message) {
        super(message);
    }

    public RunFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
