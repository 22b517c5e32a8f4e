package dev.flywheel.run.template;

import java.util.List;
import java.util.Map;

/** Anything a template may call: macros, globals such as range(), methods of strings, lists and dicts. */
interface PyCallable {

    Object call(Evaluation evaluation, List<Object> args, Map<String, Object> kwargs);
}
