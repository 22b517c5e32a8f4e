package dev.flywheel.run.events;

import java.util.Comparator;

/**
 * How far a run has got, as the {@code id:} of its server-sent events: the attempt (claim) it is in and the
 * stages that attempt has completed ({@code <attempt>.<stages>}), or {@code end} once it has ended. Positions
 * only grow while a run progresses, so a stream drops an event that is not newer than what it has sent, and
 * a client's {@code Last-Event-ID} says exactly what it has seen.
 */
public record RunPosition(int attempt, int stages, boolean ended) implements Comparable<RunPosition> {

    /** Every ended run is at this one position: nothing follows the end. */
    public static final RunPosition END = new RunPosition(0, 0, true);
    private static final String END_ID = "end";
    private static final Comparator<RunPosition> ORDER = Comparator.comparing(RunPosition::ended)
            .thenComparingInt(RunPosition::attempt).thenComparingInt(RunPosition::stages);

    public static RunPosition at(int attempt, int stages) {
        return new RunPosition(attempt, stages, false);
    }

    @Override
    public String toString() {
        return ended ? END_ID : attempt + "." + stages;
    }

    /** Reads an event id this class wrote; anything else is refused. */
    public static RunPosition parse(String id) {
        String trimmed = id.trim();
        if (END_ID.equals(trimmed)) {
            return END;
        }
        String[] parts = trimmed.split("\\.", -1);
        try {
            if (parts.length == 2) {
                int attempt = Integer.parseInt(parts[0]);
                int stages = Integer.parseInt(parts[1]);
                if (attempt >= 0 && stages >= 0) {
                    return at(attempt, stages);
                }
            }
        } catch (NumberFormatException e) {
            // refused below, like any other malformed id
        }
        throw new IllegalArgumentException("'" + id + "' is not an event id of this stream");
    }

    /** Whether this position is later than {@code other}; everything is later than no position at all. */
    public boolean isAfter(RunPosition other) {
        return other == null || compareTo(other) > 0;
    }

    @Override
    public int compareTo(RunPosition other) {
        return ORDER.compare(this, other);
    }
}
