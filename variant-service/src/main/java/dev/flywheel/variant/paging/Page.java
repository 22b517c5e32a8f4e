package dev.flywheel.variant.paging;

import dev.flywheel.common.problem.InvalidInput;
import java.util.List;
import java.util.function.Function;

/** One page of a list (SPEC §3): the items and the cursor of the next page, null on the last one. */
public record Page<T>(List<T> items, String nextCursor) {

    /** Default and largest page sizes (SPEC §3). */
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /** The {@code limit} query parameter: absent means the default; anything but 1 to 500 is refused with 400. */
    public static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below, like an out-of-range number
        }
        throw new InvalidInput("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }

    /**
     * Builds a page from up to {@code limit + 1} rows fetched in order: the extra row only tells that
     * another page exists.
     */
    public static <R, T> Page<T> of(List<R> rows, int limit, Function<R, Cursor> position, Function<R, T> view) {
        boolean more = rows.size() > limit;
        List<R> shown = more ? rows.subList(0, limit) : rows;
        String next = more ? position.apply(shown.get(shown.size() - 1)).encode() : null;
        return new Page<>(shown.stream().map(view).toList(), next);
    }
}
