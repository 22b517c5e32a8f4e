package dev.flywheel.run.template;

import java.util.List;

/** Jinja2's {@code cycler(...)}: next(), reset() and current. */
final class Cycler {

    private final List<Object> items;
    private int position;

    Cycler(List<Object> items) {
        this.items = items;
    }

    Object attribute(String name) {
        return switch (name) {
            case "current" -> items.get(position);
            case "next" -> (PyCallable) (evaluation, args, kwargs) -> {
                Object value = items.get(position);
                position = (position + 1) % items.size();
                return value;
            };
            case "reset" -> (PyCallable) (evaluation, args, kwargs) -> {
                position = 0;
                return null;
            };
            default -> null;
        };
    }
}
