package dev.flywheel.common.problem;

import java.util.List;

/** Input that passes Bean Validation but breaks a domain rule: answered as 400 naming the field. */
public class InvalidInput extends RuntimeException {

    private final transient List<Problem.FieldError> errors;

    public InvalidInput(String field, String message) {
        super(field + ": " + message);
        this.errors = List.of(new Problem.FieldError(field, message));
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
