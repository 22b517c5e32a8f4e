package dev.flywheel.run.run;

import dev.flywheel.common.problem.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * Keyset position in a list sorted by a number (score, latency): the last item's sort key and id. Runs
 * without a value sort last either way, so their key is ±infinity, which the cursor carries as such.
 */
public record SortedCursor(double key, UUID id) {

    private static final String KIND = "k";

    public String encode() {
        String raw = KIND + ":" + key + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a cursor of a sorted list; a creation-time cursor or anything we did not hand out is a 400. */
    public static SortedCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", 3);
            if (!KIND.equals(parts[0])) {
                throw new IllegalArgumentException("not a sorted-list cursor");
            }
            return new SortedCursor(Double.parseDouble(parts[1]), UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw new InvalidInput("cursor", "is not a cursor this service handed out for this sort");
        }
    }
}
