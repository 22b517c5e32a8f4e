package dev.flywheel.selftest.support;

import dev.flywheel.selftest.capability.Capability;
import dev.flywheel.selftest.loop.Trigger;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Puts the loop's Postgres state where a test needs it, and reads it back. */
@ApplicationScoped
public class TestDatabase {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Pool pool;

    public TestDatabase(Pool pool) {
        this.pool = pool;
    }

    /** Forgets everything earlier tests and runs left behind. */
    public void reset() {
        run("truncate capability_state, loop_cursor, hourly_budget, proposals, selftest_events, facts, notes,"
                + " planning_experiment");
    }

    public void setFailures(Capability capability, int failures) {
        run("insert into capability_state (capability, consecutive_failures) values ($1, $2)"
                + " on conflict (capability) do update set consecutive_failures = excluded.consecutive_failures",
                Tuple.of(capability.value(), failures));
    }

    public UUID openProposal(Capability capability) {
        UUID id = UUID.randomUUID();
        run("insert into proposals (id, capability, title, body, status, failures_at_filing, filed_at)"
                + " values ($1, $2, $3, 'seeded by a test', 'open', 3, now())",
                Tuple.of(id, capability.value(), "Upgrade proposal: " + capability.name()));
        return id;
    }

    public void spendBudget(Instant hourStart, int runs) {
        run("insert into hourly_budget (hour_start, runs) values ($1, $2)"
                + " on conflict (hour_start) do update set runs = excluded.runs",
                Tuple.of(hourStart.atOffset(ZoneOffset.UTC), runs));
    }

    public void addFact(String category, String content) {
        run("insert into facts (id, category, content, created_at) values ($1, $2, $3, now())",
                Tuple.of(UUID.randomUUID(), category, content));
    }

    public int failures(Capability capability) {
        RowSet<Row> rows = query("select consecutive_failures from capability_state where capability = $1",
                Tuple.of(capability.value()));
        return rows.iterator().hasNext() ? rows.iterator().next().getInteger(0) : 0;
    }

    public long count(String sql, Object... params) {
        return query(sql, Tuple.from(params)).iterator().next().getLong(0);
    }

    public long proposals(Capability capability, String status) {
        return count("select count(*) from proposals where capability = $1 and status = $2", capability.value(),
                status);
    }

    public long events(Capability capability) {
        return count("select count(*) from selftest_events where capability = $1", capability.value());
    }

    public long facts(String category, String content) {
        return count("select count(*) from facts where category = $1 and content = $2", category, content);
    }

    /** The content of every stored fact of a category, oldest first. */
    public List<String> factContents(String category) {
        List<String> contents = new ArrayList<>();
        query("select content from facts where category = $1 order by created_at, id", Tuple.of(category))
                .forEach(row -> contents.add(row.getString(0)));
        return contents;
    }

    /** The scheduled loop's recorded capabilities, in the order they were recorded. */
    public List<String> scheduledCapabilities() {
        List<String> capabilities = new ArrayList<>();
        query("select capability from selftest_events where trigger_kind = $1 order by seq",
                Tuple.of(Trigger.SCHEDULED.value())).forEach(row -> capabilities.add(row.getString(0)));
        return capabilities;
    }

    public void run(String sql) {
        pool.query(sql).execute().await().atMost(WAIT);
    }

    private void run(String sql, Tuple params) {
        pool.preparedQuery(sql).execute(params).await().atMost(WAIT);
    }

    private RowSet<Row> query(String sql, Tuple params) {
        return pool.preparedQuery(sql).execute(params).await().atMost(WAIT);
    }
}
