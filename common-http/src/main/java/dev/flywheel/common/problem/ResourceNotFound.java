package dev.flywheel.common.problem;

/** An id or slug that names nothing: answered as 404. */
public class ResourceNotFound extends RuntimeException {

    public ResourceNotFound(String what, Object id) {
        super(what + " " + id + " does not exist");
    }
}
