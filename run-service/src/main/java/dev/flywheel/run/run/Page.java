package dev.flywheel.run.run;

import java.util.List;

/** One page of a list (SPEC §3); {@code next_cursor} is null on the last page. */
public record Page<T>(List<T> items, String nextCursor) {
}
