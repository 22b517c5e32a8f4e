package dev.flywheel.run.template;

/** A sandbox limit was hit: the render stops instead of silently cutting anything (SPEC §10). */
public final class LimitExceeded extends TemplateError {

    public LimitExceeded(String message) {
        super("LimitExceeded", message, 0);
    }
}
