package dev.flywheel.run.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.run.run.RunRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Aggregates over an experiment's runs, in SQL where percentiles and grouping belong. */
@ApplicationScoped
public class ExperimentStats {

    static final String EXISTS = "select 1 from experiments where id = $1";
    static final String METRICS = "select count(*) as runs,"
            + " count(*) filter (where status = 'completed') as completed,"
            + " count(*) filter (where status in ('completed', 'failed')) as finished,"
            + " avg(duration_ms) filter (where status in ('completed', 'failed')) as mean,"
            + " percentile_cont(0.5) within group (order by duration_ms) filter (where status in ('completed', 'failed')) as p50,"
            + " percentile_cont(0.95) within group (order by duration_ms) filter (where status in ('completed', 'failed')) as p95,"
            + " coalesce(sum(tokens_in), 0) as tokens_in, coalesce(sum(tokens_out), 0) as tokens_out,"
            + " (select avg(s.value) from scores s join runs x on x.id = s.run_id where x.experiment_id = $1) as mean_score"
            + " from runs where experiment_id = $1";
    // Each run weighs the same in its configuration's mean score, however many scorers it has.
    static final String LEADERBOARD = "with per_run as (select r.config_hash, r.status, r.duration_ms, r.tokens_in,"
            + " r.tokens_out, (select avg(s.value) from scores s where s.run_id = r.id) as mean_score"
            + " from runs r where r.experiment_id = $1)"
            + " select p.config_hash, count(*) as runs,"
            + " count(*) filter (where p.status = 'completed') as completed,"
            + " count(*) filter (where p.status in ('completed', 'failed')) as finished,"
            + " avg(p.mean_score) as mean_score,"
            + " avg(p.duration_ms) filter (where p.status = 'completed') as mean_latency,"
            + " sum(p.tokens_in) as tokens_in, sum(p.tokens_out) as tokens_out,"
            + " (select x.config from runs x where x.experiment_id = $1 and x.config_hash = p.config_hash limit 1) as config"
            + " from per_run p group by p.config_hash"
            + " order by mean_score desc nulls last, mean_latency asc nulls last, p.config_hash";

    private final Pool pool;
    private final RunRepository runs;

    public ExperimentStats(Pool pool, RunRepository runs) {
        this.pool = pool;
        this.runs = runs;
    }

    public Uni<Boolean> exists(UUID id) {
        return pool.preparedQuery(EXISTS).execute(Tuple.of(id)).map(rows -> rows.size() > 0);
    }

    public Uni<ExperimentMetrics> metrics(UUID id) {
        return pool.preparedQuery(METRICS).execute(Tuple.of(id)).map(rows -> {
            Row row = rows.iterator().next();
            return new ExperimentMetrics(row.getLong("runs"), rate(row.getLong("completed"), row.getLong("finished")),
                    new ExperimentMetrics.Latency(number(row, "mean"), number(row, "p50"), number(row, "p95")),
                    row.getLong("tokens_in"), row.getLong("tokens_out"), number(row, "mean_score"));
        });
    }

    public Uni<List<LeaderboardEntry>> leaderboard(UUID id) {
        return pool.preparedQuery(LEADERBOARD).execute(Tuple.of(id)).map(rows -> {
            List<LeaderboardEntry> entries = new ArrayList<>();
            for (Row row : rows) {
                JsonNode config = runs.toJson(row.getValue("config"));
                if (config instanceof ObjectNode object) {
                    object.remove("input_data");
                    object.remove("repeat");
                }
                entries.add(new LeaderboardEntry(entries.size() + 1, row.getString("config_hash"), config,
                        row.getLong("runs"), rate(row.getLong("completed"), row.getLong("finished")),
                        number(row, "mean_score"), number(row, "mean_latency"), row.getLong("tokens_in"),
                        row.getLong("tokens_out")));
            }
            return entries;
        });
    }

    /** A share of the finished runs; null (no data) rather than 0 while none has finished. */
    private static Double rate(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    private static Double number(Row row, String column) {
        Object value = row.getValue(column);
        return value == null ? null : ((Number) value).doubleValue();
    }
}
