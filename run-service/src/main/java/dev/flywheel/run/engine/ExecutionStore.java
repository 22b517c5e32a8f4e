package dev.flywheel.run.engine;

import dev.flywheel.common.events.Outbox;
import dev.flywheel.run.RunServiceConfig;
import dev.flywheel.run.events.RunEvent;
import dev.flywheel.run.events.RunOutcomeData;
import dev.flywheel.run.events.StageCompletedData;
import dev.flywheel.run.scoring.ScorerOutcome;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A worker's writes while it executes a run. Every write is conditional on the worker still holding
 * the run ({@code lease_owner} and {@code status = 'running'}); when it does not, nothing is written for that run
 * and its caller gets {@link LeaseLost}, so a cancelled run or one re-claimed by another replica is never written
 * by two workers. Events go to the outbox in the same transaction as the change they announce. Stages and outcomes
 * of runs finishing together are written together ({@link GroupCommit}): one transaction per group, not per run.
 */
@ApplicationScoped
public class ExecutionStore {

    static final String HELD = " where id = $1 and lease_owner = $2 and status = 'running'";
    static final String RESET = "with held as (select id from runs" + HELD + ")"
            + " , s as (delete from stage_results where run_id in (select id from held))"
            + " , c as (delete from scores where run_id in (select id from held))"
            + " delete from scorer_errors where run_id in (select id from held)";
    static final String RECORD_AGENT = "update runs set agent_id = $3, variant_id = $4, model = $5" + HELD;
    // One statement (and round trip) for the held check, the tokens, the lease and the stage row.
    static final String SAVE_STAGE = "with held as (update runs set tokens_in = tokens_in + $3, tokens_out = tokens_out + $4,"
            + " lease_until = now() + make_interval(secs => $5)" + HELD + " returning id, variant_id)"
            + " , stage as (insert into stage_results (run_id, stage_index, prompt_sent, response_raw, model_used,"
            + " tokens_in, tokens_out, latency_ms, cached)"
            + " select id, $6::integer, $7::text, $8::text, $9::text, $3, $4, $10::bigint, $11::boolean from held)"
            + " select variant_id from held";
    static final String RENEW = "update runs set lease_until = now() + make_interval(secs => $3)" + HELD;
    private static final String FINISH = "update runs set status = $3, error = $4, completed_at = now(), lease_owner = null,"
            + " lease_until = null, duration_ms = (extract(epoch from (now() - started_at)) * 1000)::bigint" + HELD
            + " returning id, experiment_id, agent_id, variant_id, tokens_in, tokens_out, duration_ms, overridden_fields";
    // The outcome, scores and scorer errors in one statement: nothing is inserted unless the run was still held.
    static final String COMPLETE = "with done as (" + FINISH + ")"
            + " , s as (insert into scores (run_id, scorer_name, value)"
            + " select d.id, x.name, x.value from done d, unnest($5::text[], $6::float8[]) as x(name, value))"
            + " , e as (insert into scorer_errors (run_id, scorer_name, error)"
            + " select d.id, y.name, y.error from done d, unnest($7::text[], $8::text[]) as y(name, error))"
            + " select * from done";

    private final Pool pool;
    private final Outbox outbox;
    private final RunServiceConfig config;
    private final GroupCommit<StageWrite, StageCompletedData> stages;
    private final GroupCommit<Outcome, RunOutcomeData> outcomes;

    public ExecutionStore(Pool pool, Outbox outbox, RunServiceConfig config) {
        this.pool = pool;
        this.outbox = outbox;
        this.config = config;
        this.stages = new GroupCommit<>(pool, this::writeStages);
        this.outcomes = new GroupCommit<>(pool, this::writeOutcomes);
    }

    /** Removes what an earlier attempt of the run left behind; a first attempt has nothing to remove. */
    public Uni<Void> reset(ClaimedRun run) {
        if (run.attempt() <= 1) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery(RESET).execute(Tuple.of(run.id(), run.owner())).replaceWithVoid();
    }

    /** Records the agent and variant the run was resolved to, and the model its first stage uses. */
    public Uni<Void> recordAgent(ClaimedRun run, UUID agentId, UUID variantId, String model) {
        return pool.preparedQuery(RECORD_AGENT).execute(Tuple.of(run.id(), run.owner(), agentId, variantId, model))
                .invoke(rows -> requireHeld(run, rows.rowCount())).replaceWithVoid();
    }

    /** Keeps the lease alive; answers false when the run is no longer this worker's. */
    public Uni<Boolean> renew(ClaimedRun run) {
        return pool.preparedQuery(RENEW).execute(Tuple.of(run.id(), run.owner(), leaseSeconds()))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Stores a stage, adds its tokens to the run and renews the lease, with the stage_completed event. */
    public Uni<StageCompletedData> saveStage(ClaimedRun run, StageRecord stage) {
        return stages.write(new StageWrite(run, stage)).map(held -> held.orElseThrow(() -> new LeaseLost(run.id())));
    }

    /** Completes the run with its scores and scorer errors and the run.completed event. */
    public Uni<RunOutcomeData> complete(ClaimedRun run, List<ScorerOutcome> scores) {
        return finish(new Outcome(run, "completed", null, scores));
    }

    /** Fails the run with the error and the run.failed event. */
    public Uni<RunOutcomeData> fail(ClaimedRun run, String error) {
        return finish(new Outcome(run, "failed", error, List.of()));
    }

    private Uni<RunOutcomeData> finish(Outcome outcome) {
        return outcomes.write(outcome).map(held -> held.orElseThrow(() -> new LeaseLost(outcome.run().id())));
    }

    private Uni<List<Optional<StageCompletedData>>> writeStages(SqlConnection connection, List<StageWrite> writes) {
        List<Tuple> arguments = writes.stream().map(write -> Tuple.from(new Object[] { write.run().id(), write.run().owner(),
                write.stage().tokensIn(), write.stage().tokensOut(), leaseSeconds(), write.stage().stageIndex(),
                write.stage().promptSent(), write.stage().responseRaw(), write.stage().modelUsed(), write.stage().latencyMs(),
                write.stage().cached() })).toList();
        return connection.preparedQuery(SAVE_STAGE).executeBatch(arguments).chain(first -> {
            List<Optional<StageCompletedData>> results = new ArrayList<>();
            RowSet<Row> rows = first;
            for (StageWrite write : writes) {
                results.add(rows.rowCount() == 0 ? Optional.empty()
                        : Optional.of(write.data(rows.iterator().next().getUUID("variant_id"))));
                rows = rows.next();
            }
            return outbox.appendAll(connection, RunEvent.STAGE_COMPLETED, present(results)).replaceWith(results);
        });
    }

    private Uni<List<Optional<RunOutcomeData>>> writeOutcomes(SqlConnection connection, List<Outcome> writes) {
        List<Tuple> arguments = writes.stream().map(Outcome::arguments).toList();
        return connection.preparedQuery(COMPLETE).executeBatch(arguments).chain(first -> {
            List<Optional<RunOutcomeData>> results = new ArrayList<>();
            RowSet<Row> rows = first;
            for (Outcome write : writes) {
                results.add(rows.rowCount() == 0 ? Optional.empty() : Optional.of(write.data(rows.iterator().next())));
                rows = rows.next();
            }
            List<RunOutcomeData> written = present(results);
            return outbox.appendAll(connection, RunEvent.COMPLETED, written.stream().filter(RunOutcomeData::success).toList())
                    .chain(() -> outbox.appendAll(connection, RunEvent.FAILED,
                            written.stream().filter(data -> !data.success()).toList()))
                    .replaceWith(results);
        });
    }

    private static <R> List<R> present(List<Optional<R>> results) {
        return results.stream().flatMap(Optional::stream).toList();
    }

    private double leaseSeconds() {
        return config.worker().lease().toMillis() / 1000.0;
    }

    private static void requireHeld(ClaimedRun run, int rowCount) {
        if (rowCount == 0) {
            throw new LeaseLost(run.id());
        }
    }

    private record StageWrite(ClaimedRun run, StageRecord stage) {

        StageCompletedData data(UUID variantId) {
            return new StageCompletedData(run.id(), run.experimentId(), run.agentId(), variantId, stage.stageIndex(),
                    stage.modelUsed(), stage.tokensIn(), stage.tokensOut(), stage.latencyMs(), stage.cached(), run.attempt());
        }
    }

    /** A run's end: completed with its scorer outcomes, or failed with an error (and no scores). */
    private record Outcome(ClaimedRun run, String status, String error, List<ScorerOutcome> scores) {

        Tuple arguments() {
            List<ScorerOutcome> scored = scores.stream().filter(ScorerOutcome::succeeded).toList();
            List<ScorerOutcome> failed = scores.stream().filter(o -> !o.succeeded()).toList();
            return Tuple.from(new Object[] { run.id(), run.owner(), status, error,
                    scored.stream().map(ScorerOutcome::scorerName).toArray(String[]::new),
                    scored.stream().map(ScorerOutcome::value).toArray(Double[]::new),
                    failed.stream().map(ScorerOutcome::scorerName).toArray(String[]::new),
                    failed.stream().map(ScorerOutcome::error).toArray(String[]::new) });
        }

        RunOutcomeData data(Row row) {
            Double mean = scores.stream().filter(ScorerOutcome::succeeded).mapToDouble(ScorerOutcome::value).average()
                    .stream().boxed().findFirst().orElse(null);
            return new RunOutcomeData(run.id(), row.getUUID("experiment_id"), row.getUUID("agent_id"),
                    row.getUUID("variant_id"), status, "completed".equals(status), row.getLong("duration_ms"),
                    row.getInteger("tokens_in"), row.getInteger("tokens_out"), mean, error,
                    RunOutcomeData.fields(row.getArrayOfStrings("overridden_fields")));
        }
    }
}
