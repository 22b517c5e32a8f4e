package dev.flywheel.common.etag;

import dev.flywheel.common.problem.PreconditionFailed;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Strong entity tags (RFC 9110 §8.8.3) and the {@code If-Match} check (§13.1.1) that keeps two people editing one
 * resource from overwriting each other unknowingly (SPEC §10): the tag is a digest of what changes whenever the
 * resource does (its id and last-update time), so it needs no extra column.
 */
public final class EntityTags {

    /** The request header a client names the version it edited with. */
    public static final String IF_MATCH = "If-Match";

    private EntityTags() {
    }

    /** The quoted strong tag of a resource version, for the {@code ETag} header. */
    public static String of(Object... versionParts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Object part : versionParts) {
                digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return "\"" + HexFormat.of().formatHex(digest.digest(), 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * Lets the change through when the client sent no {@code If-Match}, sent {@code *}, or listed the current tag;
     * otherwise the change is refused with 412. Weak tags never match: If-Match compares strongly.
     */
    public static void requireMatch(String ifMatch, String current) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return;
        }
        boolean matches = Arrays.stream(ifMatch.split(",")).map(String::strip)
                .anyMatch(tag -> !tag.startsWith("W/") && tag.equals(current));
        if (!matches) {
            throw new PreconditionFailed("The resource changed since it was read (If-Match " + ifMatch.strip()
                    + ", current ETag " + current + "): read it again and reapply the change");
        }
    }
}
