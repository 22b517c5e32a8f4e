package dev.flywheel.run.engine;

import dev.flywheel.common.events.Outbox;
import dev.flywheel.common.persistence.GroupCommit;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A worker's writes while it executes a run. Every write is conditional on the worker still holding
 * the run ({@code lease_owner} and {@code status = 'running'}); when it does not, nothing is written for that run
 * and its caller gets {@link LeaseLost}, so a cancelled run or one re-claimed by another replica is never written
 * by two workers. Events go to the outbox in the same transaction as the change they announce. Stages and outcomes
 * of runs finishing together are written together ({@link GroupCommit}): one transaction per group, not per run; a
 * run's last stage can come with its outcome, so a single-stage run commits once after its claim, not twice.
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
    // $9 and $10: the tokens of the last stage when it is stored with the outcome, else 0.
    private static final String FINISH = "update runs set status = $3, error = $4, completed_at = now(), lease_owner = null,"
            + " lease_until = null, duration_ms = (extract(epoch from (now() - started_at)) * 1000)::bigint,"
            + " tokens_in = tokens_in + $9, tokens_out = tokens_out + $10" + HELD
            + " returning id, experiment_id, agent_id, variant_id, tokens_in, tokens_out, duration_ms, overridden_fields";
    // The outcome, the last stage when it comes with it ($11 not null), scores and scorer errors in one statement:
    // nothing is inserted unless the run was still held.
    static final String COMPLETE = "with done as (" + FINISH + ")"
            + " , st as (insert into stage_results (run_id, stage_index, prompt_sent, response_raw, model_used,"
            + " tokens_in, tokens_out, latency_ms, cached)"
            + " select d.id, $11::integer, $12::text, $13::text, $14::text, $9, $10, $15::bigint, $16::boolean from done d"
            + " where $11::integer is not null)"
            + " , s as (insert into scores (run_id, scorer_name, value)"
            + " select d.id, x.name, x.value from done d, unnest($5::text[], $6::float8[]) as x(name, value))"
            + " , e as (insert into scorer_errors (run_id, scorer_name, error)"
            + " select d.id, y.name, y.error from done d, unnest($7::text[], $8::text[]) as y(name, error))"
            + " select * from done";

    private final Pool pool;
    private final Outbox outbox;
    private final RunClaimer claimer;
    private final RunServiceConfig config;
    private final GroupCommit<StageWrite, Optional<StageCompletedData>> stages;
    private final GroupCommit<Outcome, Optional<Finished>> outcomes;

    public ExecutionStore(Pool pool, Outbox outbox, RunClaimer claimer, RunServiceConfig config) {
        this.pool = pool;
        this.outbox = outbox;
        this.claimer = claimer;
        this.config = config;
        // A replica never has more runs in flight than its worker's slots, so no group is larger.
        int group = config.worker().concurrency();
        this.stages = new GroupCommit<>(pool, group, this::writeStages);
        this.outcomes = new GroupCommit<>(pool, group, this::writeOutcomes);
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

    /**
     * Completes the run with its scores and scorer errors and the run.completed event; with {@code lastStage} (null
     * when it is stored already) that stage too, and its stage_completed event first, in the same transaction. With
     * {@code successor}, the same transaction also claims a pending run for the run's owner to execute in its place
     * (a worker's freed slot is refilled without a claim transaction of its own): answered when there was one.
     */
    public Uni<Optional<ClaimedRun>> complete(ClaimedRun run, StageRecord lastStage, List<ScorerOutcome> scores,
            boolean successor) {
        return finish(new Outcome(run, "completed", null, scores, lastStage, successor));
    }

    /**
     * Fails the run with the error and the run.failed event, and stores {@code lastStage} with them unless null;
     * {@code successor} as for {@link #complete}.
     */
    public Uni<Optional<ClaimedRun>> fail(ClaimedRun run, String error, StageRecord lastStage, boolean successor) {
        return finish(new Outcome(run, "failed", error, List.of(), lastStage, successor));
    }

    private Uni<Optional<ClaimedRun>> finish(Outcome outcome) {
        return outcomes.write(outcome).map(held -> Optional.ofNullable(held.orElseThrow(() -> new LeaseLost(outcome.run().id()))
                .successor()));
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

    private Uni<List<Optional<Finished>>> writeOutcomes(SqlConnection connection, List<Outcome> writes) {
        List<Tuple> arguments = writes.stream().map(Outcome::arguments).toList();
        return connection.preparedQuery(COMPLETE).executeBatch(arguments).chain(first -> {
            List<Optional<RunOutcomeData>> results = new ArrayList<>();
            RowSet<Row> rows = first;
            for (Outcome write : writes) {
                results.add(rows.rowCount() == 0 ? Optional.empty() : Optional.of(write.data(rows.iterator().next())));
                rows = rows.next();
            }
            List<RunOutcomeData> written = present(results);
            List<StageCompletedData> lastStages = new ArrayList<>();
            for (int i = 0; i < writes.size(); i++) {
                StageRecord stage = writes.get(i).stage();
                if (stage != null && results.get(i).isPresent()) {
                    lastStages.add(stageData(writes.get(i).run(), stage, results.get(i).get().variantId()));
                }
            }
            return outbox.appendAll(connection, RunEvent.STAGE_COMPLETED, lastStages)
                    .chain(() -> outbox.appendAll(connection, RunEvent.COMPLETED,
                            written.stream().filter(RunOutcomeData::success).toList()))
                    .chain(() -> outbox.appendAll(connection, RunEvent.FAILED,
                            written.stream().filter(data -> !data.success()).toList()))
                    .chain(() -> claimSuccessors(connection, writes, results));
        });
    }

    /** Claims a pending run for every held outcome that asked for a successor, and hands them out in order. */
    private Uni<List<Optional<Finished>>> claimSuccessors(SqlConnection connection, List<Outcome> writes,
            List<Optional<RunOutcomeData>> results) {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        for (int i = 0; i < writes.size(); i++) {
            if (writes.get(i).successor() && results.get(i).isPresent()) {
                wanted.merge(writes.get(i).run().owner(), 1, Integer::sum);
            }
        }
        Map<String, Deque<ClaimedRun>> claimed = new HashMap<>();
        Uni<Void> claims = Uni.createFrom().voidItem();
        for (Map.Entry<String, Integer> owner : wanted.entrySet()) {
            claims = claims.chain(() -> claimer.claimIn(connection, owner.getKey(), owner.getValue())
                    .invoke(runs -> claimed.put(owner.getKey(), new ArrayDeque<>(runs))).replaceWithVoid());
        }
        return claims.map(ignored -> {
            List<Optional<Finished>> finished = new ArrayList<>(writes.size());
            for (int i = 0; i < writes.size(); i++) {
                Outcome write = writes.get(i);
                finished.add(results.get(i).map(data -> new Finished(write.successor()
                        ? claimed.getOrDefault(write.run().owner(), new ArrayDeque<>()).poll() : null)));
            }
            return finished;
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

    private static StageCompletedData stageData(ClaimedRun run, StageRecord stage, UUID variantId) {
        return new StageCompletedData(run.id(), run.experimentId(), run.agentId(), variantId, stage.stageIndex(),
                stage.modelUsed(), stage.tokensIn(), stage.tokensOut(), stage.latencyMs(), stage.cached(), run.attempt());
    }

    private record StageWrite(ClaimedRun run, StageRecord stage) {

        StageCompletedData data(UUID variantId) {
            return stageData(run, stage, variantId);
        }
    }

    /**
     * A run's end: completed with its scorer outcomes, or failed with an error (and no scores); {@code stage} is its
     * last stage when that is stored with it, else null.
     */
    private record Outcome(ClaimedRun run, String status, String error, List<ScorerOutcome> scores, StageRecord stage,
            boolean successor) {

        Tuple arguments() {
            List<ScorerOutcome> scored = scores.stream().filter(ScorerOutcome::succeeded).toList();
            List<ScorerOutcome> failed = scores.stream().filter(o -> !o.succeeded()).toList();
            return Tuple.from(new Object[] { run.id(), run.owner(), status, error,
                    scored.stream().map(ScorerOutcome::scorerName).toArray(String[]::new),
                    scored.stream().map(ScorerOutcome::value).toArray(Double[]::new),
                    failed.stream().map(ScorerOutcome::scorerName).toArray(String[]::new),
                    failed.stream().map(ScorerOutcome::error).toArray(String[]::new),
                    stage == null ? 0 : stage.tokensIn(), stage == null ? 0 : stage.tokensOut(),
                    stage == null ? null : stage.stageIndex(), stage == null ? null : stage.promptSent(),
                    stage == null ? null : stage.responseRaw(), stage == null ? null : stage.modelUsed(),
                    stage == null ? null : stage.latencyMs(), stage == null ? null : stage.cached() });
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

    /** A stored outcome, with the run claimed in its place (null when none was asked for or none was pending). */
    private record Finished(ClaimedRun successor) {
    }
}
