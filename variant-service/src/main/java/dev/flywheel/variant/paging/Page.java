package dev.flywheel.variant.paging;

import java.util.List;
import java.util.function.Function;

/** One page of a list (SPEC §3): the items and the cursor of the next page, null on the last one. */
public record Page<T>(List<T> items, String nextCursor) {

    /** Default and largest page sizes (SPEC §3). */
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

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
