package dev.flywheel.run.adapter;

import java.time.Duration;
import java.util.Optional;

/** A provider call that failed; 429, 5xx, timeouts and connection failures are worth another attempt. */
public class ProviderFailure extends RuntimeException {

    private final boolean retryable;
    private final transient Duration retryAfter;

    public ProviderFailure(String message, boolean retryable, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public static ProviderFailure status(String provider, int status, String body, Duration retryAfter) {
        boolean retryable = status == 429 || status >= 500;
        return new ProviderFailure(provider + " answered HTTP " + status + ": " + abbreviate(body), retryable, retryAfter,
                null);
    }

    public static ProviderFailure timeout(String provider, Duration after) {
        return new ProviderFailure(provider + " did not answer within " + after.toMillis() + " ms", true, null, null);
    }

    public static ProviderFailure unreachable(String provider, Throwable cause) {
        return new ProviderFailure(provider + " is unreachable: " + cause.getMessage(), true, null, cause);
    }

    public static ProviderFailure malformed(String provider, String what) {
        return new ProviderFailure(provider + " sent an unusable answer: " + what, false, null, null);
    }

    public boolean retryable() {
        return retryable;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    private static String abbreviate(String body) {
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        String flat = body.replaceAll("\\s+", " ").trim();
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
    }
}
