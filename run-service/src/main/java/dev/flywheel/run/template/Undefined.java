package dev.flywheel.run.template;

/**
 * Jinja2's default {@code Undefined}: prints as nothing, is false, iterates as empty, and fails with Jinja2's
 * message when used in arithmetic, called, or looked into.
 */
final class Undefined {

    static final Undefined PLAIN = new Undefined(null);

    private final String hint;

    private Undefined(String hint) {
        this.hint = hint;
    }

    static Undefined named(String name) {
        return new Undefined("'" + name + "' is undefined");
    }

    static Undefined attribute(Object owner, Object name) {
        if (name instanceof String) {
            return new Undefined("'" + Py.objectTypeRepr(owner) + "' has no attribute '" + name + "'");
        }
        return new Undefined(Py.objectTypeRepr(owner) + " has no element " + Py.repr(name));
    }

    static Undefined because(String hint) {
        return new Undefined(hint);
    }

    TemplateError fail() {
        return TemplateError.undefined(hint == null ? "'None' has no attribute" : hint);
    }
}
