package dev.flywheel.selftest.loop;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What made a probe run; recorded with every result. */
public enum Trigger {
    SCHEDULED,
    RUN_NEXT,
    RUN_ALL;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
