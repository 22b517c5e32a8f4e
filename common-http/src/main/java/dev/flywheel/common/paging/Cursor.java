package dev.flywheel.common.paging;

import dev.flywheel.common.problem.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * A keyset position after the last item of a page, opaque to clients: they get it as {@code next_cursor} and send
 * it back as {@code ?cursor=} unchanged. Lists ordered by (time, id) use {@link #Cursor(Instant, UUID)}; lists
 * ordered by a sequence number use {@link #ofSequence(long)}. Anything the service did not hand out, a cursor of
 * the other kind included, is a 400 naming {@code cursor}.
 */
public record Cursor(Instant at, UUID id) {

    /** The query parameter's name. */
    public static final String PARAMETER = "cursor";

    private static final String TIME_AND_ID = "t";
    private static final String SEQUENCE = "s";
    private static final int MAX_LENGTH = 200;

    public String encode() {
        return encode(TIME_AND_ID + ":" + at.getEpochSecond() + ":" + at.getNano() + ":" + id);
    }

    /** The (time, id) cursor a client sent, or null when it sent none. */
    public static Cursor decode(String encoded) {
        String[] parts = parts(encoded, TIME_AND_ID, 4);
        if (parts == null) {
            return null;
        }
        try {
            return new Cursor(Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2])),
                    UUID.fromString(parts[3]));
        } catch (RuntimeException e) {
            throw refused();
        }
    }

    /** The cursor after the item with this sequence number. */
    public static String ofSequence(long sequence) {
        return encode(SEQUENCE + ":" + sequence);
    }

    /** The sequence number in the cursor a client sent, or null when it sent none. */
    public static Long sequence(String encoded) {
        String[] parts = parts(encoded, SEQUENCE, 2);
        if (parts == null) {
            return null;
        }
        try {
            return Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            throw refused();
        }
    }

    private static String encode(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] parts(String encoded, String kind, int count) {
        if (encoded == null || encoded.isBlank()) {
            return null;
        }
        if (encoded.length() > MAX_LENGTH) {
            throw refused();
        }
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(encoded.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw refused();
        }
        String[] parts = plain.split(":", count);
        if (parts.length != count || !parts[0].equals(kind)) {
            throw refused();
        }
        return parts;
    }

    private static InvalidInput refused() {
        return new InvalidInput(PARAMETER, "is not a cursor this list handed out");
    }
}
