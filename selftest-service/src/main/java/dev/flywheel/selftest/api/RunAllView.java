package dev.flywheel.selftest.api;

import dev.flywheel.selftest.loop.RecordedResult;
import java.util.List;

/** The answer of {@code POST /api/selftest/run-all}: all six results in sequence order. */
public record RunAllView(List<RecordedResult> results) {
}
