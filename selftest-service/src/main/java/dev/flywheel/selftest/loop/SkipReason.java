package dev.flywheel.selftest.loop;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why {@code run_next_test()} ran nothing. */
public enum SkipReason {
    /** {@code loop-qa.enabled} is false. */
    DISABLED,
    /** {@code loop-qa.max-per-hour} probes already ran in this UTC hour. */
    HOURLY_BUDGET_SPENT,
    /** Another replica (or request) is running a probe right now. */
    ALREADY_RUNNING,
    /** Another replica already ran this scheduled tick. */
    TICK_ALREADY_RUN;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
