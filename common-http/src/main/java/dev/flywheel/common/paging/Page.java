package dev.flywheel.common.paging;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list (SPEC §3): the items and the cursor of the next page, null on the last one. Every list of
 * every service answers with this record, so {@code {"items": […], "next_cursor": …}} has one definition.
 */
public record Page<T>(List<T> items, String nextCursor) {

    /** A list short enough to be answered whole: its only page. */
    public static <T> Page<T> last(List<T> items) {
        return new Page<>(List.copyOf(items), null);
    }

    /**
     * Builds a page from up to {@code limit + 1} rows fetched in list order: the extra row only tells that another
     * page exists, so no count query is needed.
     *
     * @param cursorOf the opaque cursor after a row (from {@link Cursor#encode()} or {@link Cursor#ofSequence})
     */
    public static <R, T> Page<T> of(List<R> rows, int limit, Function<R, String> cursorOf, Function<R, T> view) {
        boolean more = rows.size() > limit;
        List<R> shown = more ? rows.subList(0, limit) : rows;
        String next = more ? cursorOf.apply(shown.get(shown.size() - 1)) : null;
        return new Page<>(shown.stream().map(view).toList(), next);
    }
}
