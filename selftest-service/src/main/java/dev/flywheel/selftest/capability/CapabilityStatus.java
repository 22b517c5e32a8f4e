package dev.flywheel.selftest.capability;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;

/** Traffic-light health of a capability, declared from best to worst. */
public enum CapabilityStatus {
    GREEN,
    YELLOW,
    RED;

    /** Failures at which a capability turns yellow (SPEC §7: 0–1 green, 2 yellow). */
    static final int YELLOW_AT = 2;

    /** SPEC §7 mapping; reaching the threshold wins even when it is below {@link #YELLOW_AT}. */
    public static CapabilityStatus forFailures(int consecutiveFailures, int threshold) {
        if (consecutiveFailures >= threshold) {
            return RED;
        }
        return consecutiveFailures >= YELLOW_AT ? YELLOW : GREEN;
    }

    /** The overall status: the worst of all, green when there are none. */
    public static CapabilityStatus worst(Collection<CapabilityStatus> statuses) {
        return statuses.stream().max(Comparator.naturalOrder()).orElse(GREEN);
    }

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
