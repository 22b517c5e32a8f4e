package dev.flywheel.run.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.common.paging.Cursor;
import dev.flywheel.common.events.Outbox;
import dev.flywheel.common.paging.Page;
import dev.flywheel.run.events.RunCancelledData;
import dev.flywheel.run.events.RunEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Runs in Postgres as the API reads and creates them; execution writes live in the engine's store. */
@ApplicationScoped
public class RunRepository {

    static final String EXPERIMENT_SCORING = "select scoring_config from experiments where id = $1";
    static final String INSERT = "insert into runs (id, experiment_id, config, config_hash, agent_id, model, overridden_fields)"
            + " values ($1, $2, $3::text::jsonb, $4, $5, $6, $7::text[])";
    static final String MEAN_SCORE = "(select avg(s.value) from scores s where s.run_id = r.id) as mean_score";
    static final String FIND = "select r.*, " + MEAN_SCORE + " from runs r where r.id = $1";
    static final String STAGES = "select * from stage_results where run_id = $1 order by stage_index";
    static final String SCORES = "select scorer_name, value from scores where run_id = $1 order by id";
    static final String SCORER_ERRORS = "select scorer_name, error from scorer_errors where run_id = $1 order by id";
    // Filters on the run's own columns inside, on its mean score and duration outside, so each is computed once.
    static final String LIST_FROM = "select * from (select r.id, r.experiment_id, r.status, r.agent_id, r.variant_id, r.model,"
            + " r.overridden_fields, r.tokens_in, r.tokens_out, r.duration_ms, r.error, r.created_at, r.started_at,"
            + " r.completed_at, left(coalesce(r.config ->> 'prompt', r.config -> 'pipeline_stages' -> 0 ->> 'prompt_template'),"
            + " " + RunSummary.EXCERPT + ") as prompt, left(r.config -> 'input_data' #>> '{}', " + RunSummary.EXCERPT + ") as input,"
            + " " + MEAN_SCORE + " from runs r"
            + " where ($1::uuid is null or r.experiment_id = $1) and ($2::text is null or r.status = $2)"
            + " and ($3::text is null or r.model = $3) and ($4::uuid is null or r.agent_id = $4)) x"
            + " where ($5::float8 is null or x.mean_score >= $5) and ($6::float8 is null or x.mean_score <= $6)"
            + " and ($7::bigint is null or x.duration_ms >= $7) and ($8::bigint is null or x.duration_ms <= $8)";

    static final String RESULTS = "select r.*, " + MEAN_SCORE + " from runs r where r.experiment_id = $1"
            + " and ($2::timestamptz is null or (r.created_at, r.id) > ($2, $3)) order by r.created_at, r.id limit $4";
    static final String STAGES_OF = "select * from stage_results where run_id = any($1) order by stage_index";
    static final String SCORES_OF = "select run_id, scorer_name, value from scores where run_id = any($1) order by id";
    static final String SCORER_ERRORS_OF = "select run_id, scorer_name, error from scorer_errors where run_id = any($1)"
            + " order by id";

    private static final String SET_CANCELLED = "update runs set status = 'cancelled', error = 'cancelled',"
            + " completed_at = now(), lease_owner = null, lease_until = null,"
            + " duration_ms = case when started_at is null then null"
            + " else (extract(epoch from (now() - started_at)) * 1000)::bigint end";
    private static final String CANCELLABLE = " and status in ('pending', 'running')"
            + " returning id, experiment_id, agent_id, variant_id, attempt";
    // The outer select reads the statement's snapshot, i.e. the status before the update: why a run was not cancelled.
    static final String CANCEL = "with c as (" + SET_CANCELLED + " where id = $1" + CANCELLABLE + ")"
            + " select r.status as status_before, c.* from runs r left join c on c.id = r.id where r.id = $1";
    static final String CANCEL_EXPERIMENT = SET_CANCELLED + " where experiment_id = $1" + CANCELLABLE;

    private final Pool pool;
    private final ObjectMapper mapper;
    private final Outbox outbox;

    public RunRepository(Pool pool, ObjectMapper mapper, Outbox outbox) {
        this.pool = pool;
        this.mapper = mapper;
        this.outbox = outbox;
    }

    /** The experiment's default scorers, or empty when there is no such experiment. */
    public Uni<Optional<JsonNode>> experimentScoring(UUID experimentId) {
        return pool.preparedQuery(EXPERIMENT_SCORING).execute(Tuple.of(experimentId))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(toJson(rows.iterator().next().getValue("scoring_config"))));
    }

    /** Inserts new pending runs in one transaction and one round trip: all of them or none. */
    public Uni<Void> insert(List<NewRun> runs) {
        List<Tuple> batch = runs.stream()
                .map(run -> Tuple.from(new Object[] { run.id(), run.experimentId(), json(run.config()), run.configHash(),
                        run.agentId(), run.model(), run.overriddenFields().toArray(String[]::new) }))
                .toList();
        return pool.withTransaction(connection -> connection.preparedQuery(INSERT).executeBatch(batch)).replaceWithVoid();
    }

    /**
     * Cancels the run if it is pending or running, with its run.cancelled event in the same transaction; empty when
     * there is no such run.
     */
    public Uni<Optional<Cancellation>> cancel(UUID id) {
        return pool.withTransaction(connection -> connection.preparedQuery(CANCEL).execute(Tuple.of(id)).chain(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().item(Optional.<Cancellation>empty());
            }
            Row row = rows.iterator().next();
            Cancellation cancellation = new Cancellation(row.getString("status_before"), row.getUUID("id") != null);
            if (!cancellation.cancelled()) {
                return Uni.createFrom().item(Optional.of(cancellation));
            }
            return outbox.append(connection, RunEvent.CANCELLED, cancelledData(row)).replaceWith(Optional.of(cancellation));
        }));
    }

    /** Cancels every run of the experiment that has not ended, with their run.cancelled events; answers them. */
    public Uni<List<RunCancelledData>> cancelExperiment(UUID experimentId) {
        return pool.withTransaction(connection -> connection.preparedQuery(CANCEL_EXPERIMENT).execute(Tuple.of(experimentId))
                .chain(rows -> {
                    List<RunCancelledData> cancelled = new ArrayList<>();
                    rows.forEach(row -> cancelled.add(cancelledData(row)));
                    return outbox.appendAll(connection, RunEvent.CANCELLED, cancelled).replaceWith(cancelled);
                }));
    }

    private static RunCancelledData cancelledData(Row row) {
        return new RunCancelledData(row.getUUID("id"), row.getUUID("experiment_id"), row.getUUID("agent_id"),
                row.getUUID("variant_id"), "cancelled", row.getInteger("attempt"));
    }

    public Uni<Optional<RunView>> find(UUID id) {
        return pool.preparedQuery(FIND).execute(Tuple.of(id)).chain(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().item(Optional.<RunView>empty());
            }
            Row run = rows.iterator().next();
            return Uni.combine().all()
                    .unis(pool.preparedQuery(STAGES).execute(Tuple.of(id)), pool.preparedQuery(SCORES).execute(Tuple.of(id)),
                            pool.preparedQuery(SCORER_ERRORS).execute(Tuple.of(id)))
                    .asTuple()
                    .map(parts -> Optional.of(toView(run, parts.getItem1(), parts.getItem2(), parts.getItem3())));
        });
    }

    /**
     * One page of runs matching the query in its order; {@code cursor} is the previous page's
     * {@code next_cursor} (a creation-time cursor for the default order, a sort-key cursor otherwise).
     */
    public Uni<Page<RunSummary>> list(RunQuery query, String cursor, int limit) {
        boolean byTime = query.sort() == RunQuery.Sort.CREATED_AT;
        String afterKey = null;
        UUID afterId = null;
        if (cursor != null && !cursor.isBlank()) {
            if (byTime) {
                Cursor after = Cursor.decode(cursor);
                afterKey = after.at().toString();
                afterId = after.id();
            } else {
                SortedCursor after = SortedCursor.decode(cursor);
                afterKey = Double.toString(after.key());
                afterId = after.id();
            }
        }
        Tuple args = Tuple.from(new Object[] { query.experimentId(), query.status(), query.model(), query.agentId(),
                query.minScore(), query.maxScore(), query.minLatencyMs(), query.maxLatencyMs(), afterKey, afterId, limit + 1 });
        return pool.preparedQuery(listSql(query.sort(), query.ascending())).execute(args).map(rows -> {
            List<RunSummary> items = new ArrayList<>();
            rows.forEach(row -> items.add(toSummary(row)));
            if (items.size() <= limit) {
                return new Page<>(items, null);
            }
            List<RunSummary> page = items.subList(0, limit);
            RunSummary last = page.get(limit - 1);
            String next = byTime ? new Cursor(last.createdAt(), last.id()).encode()
                    : new SortedCursor(sortKey(query, last), last.id()).encode();
            return new Page<>(List.copyOf(page), next);
        });
    }

    /**
     * The list statement for one order. Runs without a score (or duration) sort last in both directions, so
     * their key is the far end of the order; ties and equal keys are broken by id, which keeps paging exact.
     */
    static String listSql(RunQuery.Sort sort, boolean ascending) {
        String direction = ascending ? "asc" : "desc";
        String after = ascending ? ">" : "<";
        String missing = ascending ? "'Infinity'::float8" : "'-Infinity'::float8";
        String key = switch (sort) {
            case CREATED_AT -> "x.created_at";
            case SCORE -> "coalesce(x.mean_score, " + missing + ")";
            case LATENCY -> "coalesce(x.duration_ms::float8, " + missing + ")";
        };
        String keyType = sort == RunQuery.Sort.CREATED_AT ? "timestamptz" : "float8";
        return LIST_FROM + " and ($9::text is null or (" + key + ", x.id) " + after + " ($9::text::" + keyType + ", $10::uuid))"
                + " order by " + key + " " + direction + ", x.id " + direction + " limit $11";
    }

    private static double sortKey(RunQuery query, RunSummary run) {
        Double value = query.sort() == RunQuery.Sort.SCORE ? run.meanScore()
                : run.durationMs() == null ? null : run.durationMs().doubleValue();
        if (value != null) {
            return value;
        }
        return query.ascending() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /**
     * An experiment's runs in full (stages, scores, scorer errors), oldest first (runs created together in id
     * order): four queries per page, however many runs it holds.
     */
    public Uni<Page<RunView>> results(UUID experimentId, Cursor after, int limit) {
        Tuple args = Tuple.tuple().addUUID(experimentId)
                .addOffsetDateTime(after == null ? null : after.at().atOffset(ZoneOffset.UTC))
                .addUUID(after == null ? null : after.id()).addInteger(limit + 1);
        return pool.preparedQuery(RESULTS).execute(args).chain(rows -> {
            List<Row> runs = new ArrayList<>();
            rows.forEach(runs::add);
            List<Row> page = runs.size() > limit ? runs.subList(0, limit) : runs;
            if (page.isEmpty()) {
                return Uni.createFrom().item(new Page<RunView>(List.of(), null));
            }
            Tuple ids = Tuple.of(page.stream().map(row -> row.getUUID("id")).toArray(UUID[]::new));
            return Uni.combine().all()
                    .unis(pool.preparedQuery(STAGES_OF).execute(ids), pool.preparedQuery(SCORES_OF).execute(ids),
                            pool.preparedQuery(SCORER_ERRORS_OF).execute(ids))
                    .asTuple()
                    .map(parts -> {
                        Map<UUID, List<Row>> stages = byRun(parts.getItem1());
                        Map<UUID, List<Row>> scores = byRun(parts.getItem2());
                        Map<UUID, List<Row>> errors = byRun(parts.getItem3());
                        List<RunView> views = page.stream().map(run -> {
                            UUID id = run.getUUID("id");
                            return toView(run, stages.getOrDefault(id, List.of()), scores.getOrDefault(id, List.of()),
                                    errors.getOrDefault(id, List.of()));
                        }).toList();
                        RunView last = views.get(views.size() - 1);
                        String next = runs.size() > limit ? new Cursor(last.createdAt(), last.id()).encode() : null;
                        return new Page<>(views, next);
                    });
        });
    }

    private static Map<UUID, List<Row>> byRun(RowSet<Row> rows) {
        Map<UUID, List<Row>> grouped = new HashMap<>();
        rows.forEach(row -> grouped.computeIfAbsent(row.getUUID("run_id"), id -> new ArrayList<>()).add(row));
        return grouped;
    }

    private RunView toView(Row run, Iterable<Row> stageRows, Iterable<Row> scoreRows, Iterable<Row> errorRows) {
        List<StageView> stages = new ArrayList<>();
        stageRows.forEach(row -> stages.add(new StageView(row.getInteger("stage_index"), row.getString("prompt_sent"),
                row.getString("response_raw"), row.getString("model_used"), row.getInteger("tokens_in"),
                row.getInteger("tokens_out"), row.getLong("latency_ms"), row.getBoolean("cached"))));
        List<ScoreView> scores = new ArrayList<>();
        scoreRows.forEach(row -> scores.add(new ScoreView(row.getString("scorer_name"), row.getDouble("value"))));
        List<ScorerErrorView> errors = new ArrayList<>();
        errorRows.forEach(row -> errors.add(new ScorerErrorView(row.getString("scorer_name"), row.getString("error"))));
        return new RunView(run.getUUID("id"), run.getUUID("experiment_id"), run.getString("status"),
                toJson(run.getValue("config")), run.getUUID("agent_id"), run.getUUID("variant_id"), run.getString("model"),
                overridden(run),
                run.getInteger("tokens_in"), run.getInteger("tokens_out"), run.getLong("duration_ms"), run.getString("error"),
                run.getInteger("attempt"), meanScore(run), instant(run, "created_at"), instant(run, "started_at"),
                instant(run, "completed_at"), List.copyOf(stages), List.copyOf(scores), List.copyOf(errors));
    }

    private static RunSummary toSummary(Row row) {
        return new RunSummary(row.getUUID("id"), row.getUUID("experiment_id"), row.getString("status"),
                row.getUUID("agent_id"), row.getUUID("variant_id"), row.getString("model"), overridden(row),
                row.getString("prompt"), row.getString("input"), row.getInteger("tokens_in"), row.getInteger("tokens_out"),
                row.getLong("duration_ms"), row.getString("error"), meanScore(row), instant(row, "created_at"),
                instant(row, "started_at"), instant(row, "completed_at"));
    }

    private static List<String> overridden(Row row) {
        String[] fields = row.getArrayOfStrings("overridden_fields");
        return fields == null ? List.of() : List.of(fields);
    }

    private static Double meanScore(Row row) {
        Object value = row.getValue("mean_score");
        return value == null ? null : ((Number) value).doubleValue();
    }

    static Instant instant(Row row, String column) {
        OffsetDateTime time = row.getOffsetDateTime(column);
        return time == null ? null : time.toInstant();
    }

    /** A jsonb value read by the pg client (JsonObject, JsonArray, …) as a Jackson tree. */
    public JsonNode toJson(Object jsonb) {
        try {
            if (jsonb instanceof JsonObject object) {
                return mapper.readTree(object.encode());
            }
            if (jsonb instanceof JsonArray array) {
                return mapper.readTree(array.encode());
            }
            return mapper.valueToTree(jsonb);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }

    // Sent as text and cast by Postgres: a Vert.x JsonObject would parse the JSON only to write it out again.
    private String json(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("config is not serialisable", e);
        }
    }

    /** A run about to be inserted. */
    /** What a cancel found: the run's status before it, and whether the cancel took (it had not ended). */
    public record Cancellation(String statusBefore, boolean cancelled) {
    }

    public record NewRun(UUID id, UUID experimentId, JsonNode config, String configHash, UUID agentId, String model,
            List<String> overriddenFields) {
    }
}
