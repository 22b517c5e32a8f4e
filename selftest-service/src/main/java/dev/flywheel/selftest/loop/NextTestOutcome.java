package dev.flywheel.selftest.loop;

/** The answer of {@code run_next_test()}: the recorded result, or nothing and why. */
public record NextTestOutcome(boolean ran, SkipReason skippedBecause, RecordedResult result) {

    public static NextTestOutcome ran(RecordedResult result) {
        return new NextTestOutcome(true, null, result);
    }

    public static NextTestOutcome skipped(SkipReason reason) {
        return new NextTestOutcome(false, reason, null);
    }
}
