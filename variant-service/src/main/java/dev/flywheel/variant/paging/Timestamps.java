package dev.flywheel.variant.paging;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Times as Postgres stores them, so a cursor built from an entity matches its row exactly. */
public final class Timestamps {

    private Timestamps() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
