package dev.flywheel.run.template;

import java.util.List;

/**
 * A Python tuple (printed {@code (1, 2)}), e.g. a dict item or a groupby group. A group also answers
 * {@code grouper} and {@code list} by name, as Jinja2's named tuple does.
 */
record PyTuple(List<Object> items, List<String> names) {

    PyTuple(List<Object> items) {
        this(items, List.of());
    }

    static PyTuple of(Object... items) {
        return new PyTuple(java.util.Arrays.asList(items));
    }
}
