package dev.flywheel.run.template;

import java.util.List;
import java.util.Map;

/** Jinja2's {@code loop}: index, first/last, length, cycle(), changed(), previtem/nextitem, and loop() when recursive. */
final class LoopContext implements PyCallable {

    private static final Object UNSET = new Object();

    final List<Object> items;
    final int depth0;
    int index0 = -1;
    private Object lastChanged = UNSET;
    private final Node.For node;
    private final Scope scope;

    LoopContext(List<Object> items, int depth0, Node.For node, Scope scope) {
        this.items = items;
        this.depth0 = depth0;
        this.node = node;
        this.scope = scope;
    }

    int length() {
        return items.size();
    }

    Object attribute(String name) {
        int length = items.size();
        return switch (name) {
            case "index" -> (long) index0 + 1;
            case "index0" -> (long) index0;
            case "revindex" -> (long) (length - index0);
            case "revindex0" -> (long) (length - index0 - 1);
            case "first" -> index0 == 0;
            case "last" -> index0 == length - 1;
            case "length" -> (long) length;
            case "depth" -> (long) depth0 + 1;
            case "depth0" -> (long) depth0;
            case "previtem" -> index0 > 0 ? items.get(index0 - 1) : Undefined.because("there is no previous item");
            case "nextitem" -> index0 + 1 < length ? items.get(index0 + 1) : Undefined.because("there is no next item");
            case "cycle" -> (PyCallable) (evaluation, args, kwargs) -> {
                if (args.isEmpty()) {
                    throw TemplateError.type("no items for cycling given");
                }
                return args.get(index0 % args.size());
            };
            case "changed" -> (PyCallable) (evaluation, args, kwargs) -> {
                Object value = args.size() == 1 ? args.get(0) : new PyTuple(List.copyOf(args));
                if (lastChanged == UNSET || !Py.eq(lastChanged, value)) {
                    lastChanged = value;
                    return true;
                }
                return false;
            };
            default -> Undefined.attribute(this, name);
        };
    }

    @Override
    public Object call(Evaluation evaluation, List<Object> args, Map<String, Object> kwargs) {
        if (!node.recursive()) {
            throw TemplateError.type("The loop must have the 'recursive' marker to be called recursively.");
        }
        if (args.size() != 1) {
            throw TemplateError.type("loop() takes exactly one argument");
        }
        return evaluation.renderLoop(node, args.get(0), depth0 + 1, scope);
    }
}
