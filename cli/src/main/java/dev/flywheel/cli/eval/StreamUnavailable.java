package dev.flywheel.cli.eval;

/** The experiment's event stream cannot tell how far the eval is: the server has none, or it keeps failing. */
public class StreamUnavailable extends RuntimeException {

    public StreamUnavailable(String message) {
        super(message);
    }
}
