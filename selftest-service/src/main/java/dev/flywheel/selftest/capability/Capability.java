package dev.flywheel.selftest.capability;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The six capabilities the loop proves, one probe each (SPEC §7). */
public enum Capability {
    TOOL_USE,
    MULTISTEP_PLANNING,
    MEMORY_READ,
    MEMORY_WRITE,
    SELF_CODING,
    LIGHTNING_ECON;

    /** The wire and database name: the lower-case constant, e.g. {@code tool_use}. */
    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Capability> fromValue(String value) {
        return Arrays.stream(values()).filter(c -> c.value().equals(value)).findFirst();
    }
}
