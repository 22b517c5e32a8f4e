package dev.flywheel.run.template;

import java.util.LinkedHashMap;
import java.util.Map;

/** Jinja2's {@code namespace()}: the one object a {@code set} inside a loop may change for the outer scope. */
final class Namespace {

    final Map<String, Object> attributes = new LinkedHashMap<>();
}
