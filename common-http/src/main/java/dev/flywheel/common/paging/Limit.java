package dev.flywheel.common.paging;

import dev.flywheel.common.problem.InvalidInput;

/**
 * The {@code ?limit=} of a list (SPEC §3): absent means {@value #DEFAULT}; anything but a whole number from 1 to
 * {@value #MAX} is a 400 naming {@code limit}. Resources take it as text and read it here, because a typed
 * JAX-RS parameter that fails to convert is answered 404 before any Flywheel code runs.
 */
public final class Limit {

    /** The query parameter's name. */
    public static final String PARAMETER = "limit";
    /** Items on a page when the client does not say. */
    public static final int DEFAULT = 50;
    /** The most items a client may ask for on one page. */
    public static final int MAX = 500;

    private Limit() {
    }

    public static int parse(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= MAX) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below, like an out-of-range number
        }
        throw new InvalidInput(PARAMETER, "must be a whole number from 1 to " + MAX);
    }
}
