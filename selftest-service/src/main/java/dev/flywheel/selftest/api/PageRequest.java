package dev.flywheel.selftest.api;

import dev.flywheel.common.problem.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@code ?limit=&cursor=} of a list (SPEC §3). Parsed here rather than bound as typed query parameters, so
 * that {@code limit=abc} or a forged cursor gets a 400 naming the field instead of JAX-RS's bare 404.
 * The cursor is opaque to clients; inside it is the sequence number of the last item served.
 */
public record PageRequest(int limit, Long afterSeq) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final String PREFIX = "seq:";

    public static PageRequest of(String limit, String cursor) {
        return new PageRequest(parseLimit(limit), parseCursor(cursor));
    }

    public static String cursorAfter(long seq) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + seq).getBytes(StandardCharsets.UTF_8));
    }

    private static int parseLimit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the one error message below
        }
        throw new InvalidInput("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static Long parseCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
            if (decoded.startsWith(PREFIX)) {
                return Long.parseLong(decoded.substring(PREFIX.length()));
            }
        } catch (IllegalArgumentException e) {
            // NumberFormatException included: either way it is not a cursor this service issued
        }
        throw new InvalidInput("cursor", "is not a cursor issued by this list");
    }
}
