package dev.flywheel.run.template;

/**
 * A template Jinja2 would refuse, at parse time or while rendering, or a sandbox limit that was hit. The message is
 * Jinja2's own wording (SPEC §10); {@link #kind()} is the Python exception class Jinja2 raises, so the conformance
 * suite can compare both. Messages never name Java classes.
 */
public class TemplateError extends RuntimeException {

    private final String kind;
    private int line;

    public TemplateError(String kind, String message, int line) {
        super(message, null, false, false);
        this.kind = kind;
        this.line = line;
    }

    public static TemplateError syntax(String message, int line) {
        return new TemplateError("TemplateSyntaxError", message, line);
    }

    public static TemplateError type(String message) {
        return new TemplateError("TypeError", message, 0);
    }

    public static TemplateError undefined(String message) {
        return new TemplateError("UndefinedError", message, 0);
    }

    /** The Python exception class Jinja2 raises for the same template. */
    public String kind() {
        return kind;
    }

    /** The template line (1-based), 0 when unknown. */
    public int line() {
        return line;
    }

    TemplateError atLine(int line) {
        if (this.line == 0) {
            this.line = line;
        }
        return this;
    }

    /** {@code line L: message}, the form a failed run reports after its {@code stages[i]: }. */
    public String describe() {
        return line > 0 ? "line " + line + ": " + getMessage() : getMessage();
    }
}
