package dev.flywheel.verify.verification;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a verification is in its life: waiting out warmup and collecting, or finished. */
public enum VerificationStatus {
    PENDING, DONE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
