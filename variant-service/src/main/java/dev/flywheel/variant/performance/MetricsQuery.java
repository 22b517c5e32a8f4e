package dev.flywheel.variant.performance;

import dev.flywheel.common.paging.Cursor;
import dev.flywheel.common.paging.Page;
import dev.flywheel.common.problem.InvalidInput;
import dev.flywheel.variant.variant.VariantView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Aggregates and pages the performance log with SQL: Postgres computes the percentiles
 * ({@code percentile_cont}), so no run is ever loaded into memory to rank it. Runs that overrode the agent's
 * model or template are in the history but in no metric (SPEC §10).
 */
@ApplicationScoped
public class MetricsQuery {

    static final String BY_VARIANT = """
            select variant_id,
                   count(*) as runs,
                   avg(case when success then 1.0 else 0.0 end)::float8 as success_rate,
                   avg(latency_ms)::float8 as latency_mean,
                   percentile_cont(0.5) within group (order by latency_ms) as latency_p50,
                   percentile_cont(0.95) within group (order by latency_ms) as latency_p95,
                   sum(tokens_in)::bigint as tokens_in,
                   sum(tokens_out)::bigint as tokens_out,
                   avg(score)::float8 as mean_score
            from agent_performance_log
            where agent_id = $1 and ($2::timestamptz is null or recorded_at >= $2::timestamptz)
              and cardinality(overridden_fields) = 0
            group by variant_id""";
    static final String HISTORY = """
            select id, run_id, event_id, success, latency_ms, tokens_in, tokens_out, score, recorded_at, overridden_fields
            from agent_performance_log
            where variant_id = $1
              and ($2::timestamptz is null or (recorded_at, id) < ($2::timestamptz, $3::uuid))
            order by recorded_at desc, id desc
            limit $4""";

    static final String SERIES = """
            select date_bin(make_interval(secs => $2), recorded_at, timestamptz '1970-01-01 00:00:00+00') as start,
                   count(*) as runs,
                   avg(case when success then 1.0 else 0.0 end)::float8 as success_rate,
                   percentile_cont(0.5) within group (order by latency_ms) as latency_p50,
                   percentile_cont(0.95) within group (order by latency_ms) as latency_p95,
                   avg(score)::float8 as mean_score
            from agent_performance_log
            where variant_id = $1 and recorded_at >= $3 and cardinality(overridden_fields) = 0
            group by 1
            order by 1""";

    private final Pool pool;

    public MetricsQuery(Pool pool) {
        this.pool = pool;
    }

    /** The {@code since} query parameter: an ISO-8601 instant, or null for all time. */
    public static Instant since(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInput("since", "must be an ISO-8601 time such as 2026-01-31T00:00:00Z");
        }
    }

    public Uni<MetricsView> forVariant(UUID agentId, VariantView variant, Instant since) {
        return aggregates(agentId, since).map(rows -> view(rows.get(variant.id()), variant.id(), variant.variantName(),
                since));
    }

    /** The base config's metrics, then each variant's, in the given order. */
    public Uni<CompareView> compare(UUID agentId, List<VariantView> variants, Instant since) {
        return aggregates(agentId, since).map(rows -> {
            List<MetricsView> items = new ArrayList<>(variants.size() + 1);
            items.add(view(rows.get(null), null, MetricsView.BASE, since));
            variants.forEach(variant -> items.add(view(rows.get(variant.id()), variant.id(), variant.variantName(), since)));
            return new CompareView(agentId, since, items);
        });
    }

    /** The variant's metrics per bucket since {@code since}, oldest bucket first. */
    public Uni<SeriesView> series(UUID agentId, UUID variantId, Bucket bucket, Instant since) {
        Tuple args = Tuple.of(variantId, (double) bucket.width().toSeconds(), since.atOffset(ZoneOffset.UTC));
        return pool.preparedQuery(SERIES).execute(args).map(rows -> {
            List<SeriesPoint> points = new ArrayList<>();
            rows.forEach(row -> points.add(new SeriesPoint(row.getOffsetDateTime("start").toInstant(), row.getLong("runs"),
                    row.getDouble("success_rate"),
                    new SeriesPoint.LatencyPercentiles(row.getDouble("latency_p50"), row.getDouble("latency_p95")),
                    row.getDouble("mean_score"))));
            return new SeriesView(agentId, variantId, bucket.text(), bucket.width().toSeconds(), since, List.copyOf(points));
        });
    }

    /** The variant's recorded runs, newest first. */
    public Uni<Page<HistoryEntry>> history(UUID variantId, Cursor after, int limit) {
        Tuple args = Tuple.of(variantId, after == null ? null : after.at().atOffset(ZoneOffset.UTC),
                after == null ? null : after.id(), limit + 1);
        return pool.preparedQuery(HISTORY).execute(args).map(rows -> {
            List<HistoryEntry> entries = new ArrayList<>();
            rows.forEach(row -> entries.add(new HistoryEntry(row.getUUID("id"), row.getUUID("run_id"),
                    row.getUUID("event_id"), row.getBoolean("success"), row.getLong("latency_ms"),
                    row.getLong("tokens_in"), row.getLong("tokens_out"), row.getDouble("score"),
                    row.getOffsetDateTime("recorded_at").toInstant(), overridden(row),
                    overridden(row).isEmpty())));
            return Page.of(entries, limit, entry -> new Cursor(entry.recordedAt(), entry.id()).encode(), entry -> entry);
        });
    }

    private static List<String> overridden(Row row) {
        String[] fields = row.getArrayOfStrings("overridden_fields");
        return fields == null ? List.of() : List.of(fields);
    }

    /** One aggregate row per variant id of the agent, the base config's under the null key. */
    private Uni<Map<UUID, Row>> aggregates(UUID agentId, Instant since) {
        OffsetDateTime from = since == null ? null : since.atOffset(ZoneOffset.UTC);
        return pool.preparedQuery(BY_VARIANT).execute(Tuple.of(agentId, from)).map(rows -> {
            Map<UUID, Row> byVariant = new HashMap<>();
            rows.forEach(row -> byVariant.put(row.getUUID("variant_id"), row));
            return byVariant;
        });
    }

    private static MetricsView view(Row row, UUID variantId, String name, Instant since) {
        if (row == null) {
            return new MetricsView(variantId, name, since, 0, null, new LatencyView(null, null, null), 0, 0, null);
        }
        return new MetricsView(variantId, name, since, row.getLong("runs"), row.getDouble("success_rate"),
                new LatencyView(row.getDouble("latency_mean"), row.getDouble("latency_p50"),
                        row.getDouble("latency_p95")),
                row.getLong("tokens_in"), row.getLong("tokens_out"), row.getDouble("mean_score"));
    }
}
