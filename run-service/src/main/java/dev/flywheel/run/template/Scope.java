package dev.flywheel.run.template;

import java.util.HashMap;
import java.util.Map;

/** Jinja2's frames: a for loop, macro, with or block body sees outer names, but what it sets stays inside. */
final class Scope {

    private static final Object ABSENT = new Object();

    final Scope parent;
    private final Map<String, Object> names = new HashMap<>(8);

    Scope(Scope parent) {
        this.parent = parent;
    }

    /** The value, or {@link #ABSENT} via {@link #has}; null is a real None. */
    Object lookup(String name) {
        for (Scope scope = this; scope != null; scope = scope.parent) {
            Object value = scope.names.getOrDefault(name, ABSENT);
            if (value != ABSENT) {
                return value;
            }
        }
        return ABSENT;
    }

    static boolean found(Object value) {
        return value != ABSENT;
    }

    void set(String name, Object value) {
        names.put(name, value);
    }
}
