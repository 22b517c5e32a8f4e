package dev.flywheel.run.template;

import java.util.List;
import java.util.Map;

/** A method of a value ({@code input.split}), looked up by name when it is called. */
record BoundMethod(Object self, String name) implements PyCallable {

    @Override
    public Object call(Evaluation evaluation, List<Object> args, Map<String, Object> kwargs) {
        return PyMethods.call(evaluation, self, name, args, kwargs);
    }
}
