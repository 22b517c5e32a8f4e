package dev.flywheel.run.stream;

import dev.flywheel.run.events.RunEvent;
import dev.flywheel.run.events.RunPosition;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What an experiment's event stream reads from the database: its runs' statuses and the counts per status. */
@ApplicationScoped
public class ExperimentProgress {

    static final String EXISTS = "select 1 from experiments where id = $1";
    static final String RUNS = "select id, status, attempt, greatest(started_at, completed_at) as changed_at from runs"
            + " where experiment_id = $1 order by created_at, id";
    static final String COUNTS = "select status, count(*) as n from runs where experiment_id = $1 group by status";
    // greatest() skips nulls: a run's latest status change is when it started or ended.
    static final String CHANGED_SINCE = "select id, status, attempt, greatest(started_at, completed_at) as changed_at"
            + " from runs where experiment_id = $1 and status <> 'pending' and greatest(started_at, completed_at) > $2"
            + " order by changed_at, id";
    static final List<String> STATUSES = List.of("pending", "running", "completed", "failed", "cancelled");

    private final Pool pool;

    public ExperimentProgress(Pool pool) {
        this.pool = pool;
    }

    public Uni<Boolean> exists(UUID experimentId) {
        return pool.preparedQuery(EXISTS).execute(Tuple.of(experimentId)).map(rows -> rows.size() > 0);
    }

    /** Every run's status and when it got it, oldest run first. */
    public Uni<List<RunState>> runs(UUID experimentId) {
        return pool.preparedQuery(RUNS).execute(Tuple.of(experimentId)).map(rows -> {
            List<RunState> states = new ArrayList<>(rows.size());
            rows.forEach(row -> states.add(state(row)));
            return states;
        });
    }

    /** Runs per status, every status present (zero when none). */
    public Uni<Map<String, Long>> counts(UUID experimentId) {
        return pool.preparedQuery(COUNTS).execute(Tuple.of(experimentId)).map(rows -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            STATUSES.forEach(status -> counts.put(status, 0L));
            rows.forEach(row -> counts.put(row.getString("status"), row.getLong("n")));
            return counts;
        });
    }

    /** Runs that started or ended after {@code since}, in that order. */
    public Uni<List<RunState>> changedSince(UUID experimentId, Instant since) {
        return pool.preparedQuery(CHANGED_SINCE).execute(Tuple.of(experimentId, since.atOffset(ZoneOffset.UTC))).map(rows -> {
            List<RunState> states = new ArrayList<>(rows.size());
            rows.forEach(row -> states.add(state(row)));
            return states;
        });
    }

    static boolean idle(Map<String, Long> counts) {
        return counts.getOrDefault("pending", 0L) == 0 && counts.getOrDefault("running", 0L) == 0;
    }

    private static RunState state(Row row) {
        // A pending run has not started: no time, and greatest() of two nulls is null.
        OffsetDateTime changedAt = row.getOffsetDateTime("changed_at");
        return new RunState(row.getUUID("id"), row.getString("status"), row.getInteger("attempt"),
                changedAt == null ? null : changedAt.toInstant());
    }

    /** A run's status, the position it stands for, and when it got it (null while it is pending). */
    public record RunState(UUID runId, String status, int attempt, Instant changedAt) {

        RunPosition position() {
            return switch (status) {
                case "pending" -> RunPosition.at(0, 0);
                case "running" -> RunPosition.at(attempt, 0);
                default -> RunPosition.END;
            };
        }

        /** The type of the event that brought the run to this status. */
        String eventType() {
            return switch (status) {
                case "running" -> RunEvent.STARTED;
                case "completed" -> RunEvent.COMPLETED;
                case "failed" -> RunEvent.FAILED;
                case "cancelled" -> RunEvent.CANCELLED;
                default -> throw new IllegalStateException("no event brings a run to " + status);
            };
        }
    }
}
