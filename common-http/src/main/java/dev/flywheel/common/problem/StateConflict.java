package dev.flywheel.common.problem;

/** A uniqueness or state rule the request would break: answered as 409. */
public class StateConflict extends RuntimeException {

    public StateConflict(String message) {
        super(message);
    }
}
