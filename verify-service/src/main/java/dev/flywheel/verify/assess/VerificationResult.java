package dev.flywheel.verify.assess;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a verification concluded (SPEC §6). */
public enum VerificationResult {
    SUCCESS, DEGRADED, FAILED, TIMEOUT;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static VerificationResult fromWire(String value) {
        return value == null ? null : valueOf(value.toUpperCase(Locale.ROOT));
    }
}
