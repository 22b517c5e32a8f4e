package dev.flywheel.selftest.api;

import dev.flywheel.common.paging.Cursor;
import dev.flywheel.common.paging.Page;
import dev.flywheel.selftest.capability.Capability;
import dev.flywheel.selftest.loop.Trigger;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Keyset-paginated reads of results and proposals, newest first. */
@Singleton
public class SelftestLists {

    static final String EVENTS = "select seq, id, capability, success, details, error_type, duration_ms, trigger_kind,"
            + " recorded_at from selftest_events where ($1::text is null or capability = $1)"
            + " and ($2::bigint is null or seq < $2) order by seq desc limit $3";
    static final String PROPOSALS = "select seq, id, capability, title, body, status, failures_at_filing, filed_at,"
            + " resolved_at from proposals where ($1::text is null or capability = $1)"
            + " and ($2::text is null or status = $2) and ($3::bigint is null or seq < $3) order by seq desc limit $4";

    private final Pool pool;

    public SelftestLists(Pool pool) {
        this.pool = pool;
    }

    /** @param afterSeq the sequence number of the last item already served, null for the first page */
    public Uni<Page<EventView>> events(Capability capability, int limit, Long afterSeq) {
        // One row more than asked tells whether there is a next page without a count query.
        return pool.preparedQuery(EVENTS)
                .execute(Tuple.of(value(capability), afterSeq, limit + 1))
                .map(rows -> page(rows, limit, SelftestLists::event));
    }

    public Uni<Page<ProposalView>> proposals(Capability capability, String status, int limit, Long afterSeq) {
        return pool.preparedQuery(PROPOSALS)
                .execute(Tuple.of(value(capability), status, afterSeq, limit + 1))
                .map(rows -> page(rows, limit, SelftestLists::proposal));
    }

    private static <T> Page<T> page(RowSet<Row> rows, int limit, Function<Row, T> mapper) {
        List<Row> fetched = new ArrayList<>();
        rows.forEach(fetched::add);
        return Page.of(fetched, limit, row -> Cursor.ofSequence(row.getLong("seq")), mapper);
    }

    private static EventView event(Row row) {
        return new EventView(row.getUUID("id"), capability(row), row.getBoolean("success"), row.getString("details"),
                row.getString("error_type"), row.getLong("duration_ms"),
                Trigger.valueOf(row.getString("trigger_kind").toUpperCase(Locale.ROOT)),
                instant(row.getOffsetDateTime("recorded_at")));
    }

    private static ProposalView proposal(Row row) {
        return new ProposalView(row.getUUID("id"), capability(row), row.getString("title"), row.getString("body"),
                row.getString("status"), row.getInteger("failures_at_filing"),
                instant(row.getOffsetDateTime("filed_at")), instant(row.getOffsetDateTime("resolved_at")));
    }

    private static Capability capability(Row row) {
        return Capability.valueOf(row.getString("capability").toUpperCase(Locale.ROOT));
    }

    private static String value(Capability capability) {
        return capability == null ? null : capability.value();
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
