package dev.flywheel.selftest.api;

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

    public Uni<Page<EventView>> events(Capability capability, PageRequest page) {
        // One row more than asked tells whether there is a next page without a count query.
        return pool.preparedQuery(EVENTS)
                .execute(Tuple.of(value(capability), page.afterSeq(), page.limit() + 1))
                .map(rows -> page(rows, page.limit(), SelftestLists::event));
    }

    public Uni<Page<ProposalView>> proposals(Capability capability, String status, PageRequest page) {
        return pool.preparedQuery(PROPOSALS)
                .execute(Tuple.of(value(capability), status, page.afterSeq(), page.limit() + 1))
                .map(rows -> page(rows, page.limit(), SelftestLists::proposal));
    }

    private static <T> Page<T> page(RowSet<Row> rows, int limit, Function<Row, T> mapper) {
        List<T> items = new ArrayList<>();
        long lastSeq = 0;
        boolean more = false;
        for (Row row : rows) {
            if (items.size() == limit) {
                more = true;
                break;
            }
            items.add(mapper.apply(row));
            lastSeq = row.getLong("seq");
        }
        return new Page<>(items, more ? PageRequest.cursorAfter(lastSeq) : null);
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
