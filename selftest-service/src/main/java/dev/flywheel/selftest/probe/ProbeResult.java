package dev.flywheel.selftest.probe;

import dev.flywheel.selftest.capability.Capability;

/**
 * What one probe found (SPEC §7). {@code errorType} names why a failure happened: the exception's simple
 * class name when the probe crashed, a short reason otherwise; it is null on success.
 */
public record ProbeResult(boolean success, Capability capability, String details, String errorType) {

    public static ProbeResult passed(Capability capability, String details) {
        return new ProbeResult(true, capability, details, null);
    }

    public static ProbeResult failed(Capability capability, String details, String errorType) {
        return new ProbeResult(false, capability, details, errorType);
    }

    /** A probe that threw: a failure, never a crash of the loop. */
    public static ProbeResult crashed(Capability capability, Throwable error) {
        String message = error.getMessage() == null || error.getMessage().isBlank()
                ? error.getClass().getSimpleName() : error.getMessage();
        return failed(capability, message, error.getClass().getSimpleName());
    }
}
