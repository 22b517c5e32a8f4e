package dev.flywheel.verify.verification;

import dev.flywheel.verify.incident.Incident;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** {@code POST /api/verifications}: verify an action taken on an incident, after a warmup (SPEC §6). */
public record VerificationRequest(
        @NotNull @Valid Incident incident,
        @NotBlank @Size(max = 2000) String actionTaken,
        @Min(0) @Max(600) Integer warmupSec,
        UUID snapshotId) {

    /** Seconds to let a remediation settle when the request does not say. */
    public static final int DEFAULT_WARMUP_SEC = 10;

    public int warmupOrDefault() {
        return warmupSec == null ? DEFAULT_WARMUP_SEC : warmupSec;
    }
}
