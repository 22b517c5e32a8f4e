package dev.flywheel.run.engine;

/** A prompt template that cannot be rendered: bad syntax, a disabled tag, too much output, too slow. */
public class TemplateFailure extends RuntimeException {

    public TemplateFailure(String message) {
        super(message);
    }
}
