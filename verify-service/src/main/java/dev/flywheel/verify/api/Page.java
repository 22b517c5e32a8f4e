package dev.flywheel.verify.api;

import java.util.List;

/** A page of a list (SPEC §3): the items and the opaque cursor of the next page, null on the last. */
public record Page<T>(List<T> items, String nextCursor) {

    public static <T> Page<T> last(List<T> items) {
        return new Page<>(items, null);
    }
}
