package dev.flywheel.run.template;

import java.time.Duration;

/**
 * What one render may use: output characters, loop iterations (all loops of the render together, range() sizes
 * included), nested macro calls, and time. Each names the setting that raises it in its error message.
 */
public record TemplateLimits(long maxOutputChars, long maxLoopIterations, int maxCallDepth, Duration renderTime) {

    public static TemplateLimits defaults() {
        return new TemplateLimits(100_000, 100_000, 100, Duration.ofSeconds(2));
    }
}
