package dev.flywheel.run.engine;

import dev.flywheel.common.events.Outbox;
import dev.flywheel.run.RunServiceConfig;
import dev.flywheel.run.events.RunOutcomeData;
import dev.flywheel.run.events.StageCompletedData;
import dev.flywheel.run.scoring.ScorerOutcome;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * A worker's writes while it executes a run. Every write is conditional on the worker still holding
 * the run ({@code lease_owner} and {@code status = 'running'}); when it does not, the transaction rolls
 * back with {@link LeaseLost}, so a cancelled run or one re-claimed by another replica is never written
 * by two workers. Events go to the outbox in the same transaction as the change they announce.
 */
@ApplicationScoped
public class ExecutionStore {

    static final String HELD = " where id = $1 and lease_owner = $2 and status = 'running'";
    static final String RESET = "with held as (select id from runs" + HELD + ")"
            + " , s as (delete from stage_results where run_id in (select id from held))"
            + " , c as (delete from scores where run_id in (select id from held))"
            + " delete from scorer_errors where run_id in (select id from held)";
    static final String RECORD_AGENT = "update runs set agent_id = $3, variant_id = $4" + HELD;
    static final String ADD_TOKENS = "update runs set tokens_in = tokens_in + $3, tokens_out = tokens_out + $4,"
            + " lease_until = now() + make_interval(secs => $5)" + HELD + " returning variant_id";
    static final String INSERT_STAGE = "insert into stage_results (run_id, stage_index, prompt_sent, response_raw,"
            + " model_used, tokens_in, tokens_out, latency_ms, cached) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
    static final String RENEW = "update runs set lease_until = now() + make_interval(secs => $3)" + HELD;
    static final String FINISH = "update runs set status = $3, error = $4, completed_at = now(), lease_owner = null,"
            + " lease_until = null, duration_ms = (extract(epoch from (now() - started_at)) * 1000)::bigint" + HELD
            + " returning experiment_id, agent_id, variant_id, tokens_in, tokens_out, duration_ms";
    static final String INSERT_SCORE = "insert into scores (run_id, scorer_name, value) values ($1, $2, $3)";
    static final String INSERT_SCORER_ERROR = "insert into scorer_errors (run_id, scorer_name, error) values ($1, $2, $3)";

    private final Pool pool;
    private final Outbox outbox;
    private final RunServiceConfig config;

    public ExecutionStore(Pool pool, Outbox outbox, RunServiceConfig config) {
        this.pool = pool;
        this.outbox = outbox;
        this.config = config;
    }

    /** Removes what an earlier attempt of the run left behind. */
    public Uni<Void> reset(ClaimedRun run) {
        return pool.preparedQuery(RESET).execute(Tuple.of(run.id(), run.owner())).replaceWithVoid();
    }

    public Uni<Void> recordAgent(ClaimedRun run, UUID agentId, UUID variantId) {
        return pool.preparedQuery(RECORD_AGENT).execute(Tuple.of(run.id(), run.owner(), agentId, variantId))
                .invoke(rows -> requireHeld(run, rows.rowCount())).replaceWithVoid();
    }

    /** Keeps the lease alive; answers false when the run is no longer this worker's. */
    public Uni<Boolean> renew(ClaimedRun run) {
        return pool.preparedQuery(RENEW).execute(Tuple.of(run.id(), run.owner(), leaseSeconds()))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Stores a stage, adds its tokens to the run and renews the lease, with the stage_completed event. */
    public Uni<StageCompletedData> saveStage(ClaimedRun run, StageRecord stage) {
        return pool.withTransaction(connection -> connection.preparedQuery(ADD_TOKENS)
                .execute(Tuple.of(run.id(), run.owner(), stage.tokensIn(), stage.tokensOut(), leaseSeconds()))
                .chain(rows -> {
                    requireHeld(run, rows.rowCount());
                    UUID variantId = rows.iterator().next().getUUID("variant_id");
                    StageCompletedData data = new StageCompletedData(run.id(), run.experimentId(), run.agentId(), variantId,
                            stage.stageIndex(), stage.modelUsed(), stage.tokensIn(), stage.tokensOut(), stage.latencyMs(),
                            stage.cached());
                    return connection.preparedQuery(INSERT_STAGE).execute(Tuple.from(new Object[] { run.id(),
                            stage.stageIndex(), stage.promptSent(), stage.responseRaw(), stage.modelUsed(), stage.tokensIn(),
                            stage.tokensOut(), stage.latencyMs(), stage.cached() }))
                            .chain(() -> outbox.append(connection, "run.stage_completed", data))
                            .replaceWith(data);
                }));
    }

    /** Completes the run with its scores and scorer errors and the run.completed event. */
    public Uni<RunOutcomeData> complete(ClaimedRun run, List<ScorerOutcome> outcomes) {
        Double mean = outcomes.stream().filter(ScorerOutcome::succeeded).mapToDouble(ScorerOutcome::value).average()
                .stream().boxed().findFirst().orElse(null);
        return pool.withTransaction(connection -> finish(connection, run, "completed", null, mean)
                .call(data -> insertOutcomes(connection, run, outcomes))
                .call(data -> outbox.append(connection, "run.completed", data)));
    }

    /** Fails the run with the error and the run.failed event. */
    public Uni<RunOutcomeData> fail(ClaimedRun run, String error) {
        return pool.withTransaction(connection -> finish(connection, run, "failed", error, null)
                .call(data -> outbox.append(connection, "run.failed", data)));
    }

    private Uni<RunOutcomeData> finish(SqlConnection connection, ClaimedRun run, String status, String error, Double mean) {
        return connection.preparedQuery(FINISH).execute(Tuple.of(run.id(), run.owner(), status, error)).map(rows -> {
            requireHeld(run, rows.rowCount());
            Row row = rows.iterator().next();
            return new RunOutcomeData(run.id(), row.getUUID("experiment_id"), row.getUUID("agent_id"),
                    row.getUUID("variant_id"), status, "completed".equals(status), row.getLong("duration_ms"),
                    row.getInteger("tokens_in"), row.getInteger("tokens_out"), mean, error);
        });
    }

    private Uni<Void> insertOutcomes(SqlConnection connection, ClaimedRun run, List<ScorerOutcome> outcomes) {
        List<Tuple> scores = outcomes.stream().filter(ScorerOutcome::succeeded)
                .map(o -> Tuple.of(run.id(), o.scorerName(), o.value())).toList();
        List<Tuple> errors = outcomes.stream().filter(o -> !o.succeeded())
                .map(o -> Tuple.of(run.id(), o.scorerName(), o.error())).toList();
        Uni<Void> insertScores = scores.isEmpty() ? Uni.createFrom().voidItem()
                : connection.preparedQuery(INSERT_SCORE).executeBatch(scores).replaceWithVoid();
        return insertScores.chain(() -> errors.isEmpty() ? Uni.createFrom().voidItem()
                : connection.preparedQuery(INSERT_SCORER_ERROR).executeBatch(errors).replaceWithVoid());
    }

    private double leaseSeconds() {
        return config.worker().lease().toMillis() / 1000.0;
    }

    private static void requireHeld(ClaimedRun run, int rowCount) {
        if (rowCount == 0) {
            throw new LeaseLost(run.id());
        }
    }
}
