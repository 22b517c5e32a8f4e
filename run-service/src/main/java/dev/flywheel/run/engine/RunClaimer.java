package dev.flywheel.run.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.common.events.Outbox;
import dev.flywheel.run.RunServiceConfig;
import dev.flywheel.run.events.RunEvent;
import dev.flywheel.run.events.RunOutcomeData;
import dev.flywheel.run.events.RunStartedData;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Claims runs for a worker (SPEC §5): pending runs, and running runs whose lease expired because their
 * replica died, oldest first. {@code FOR UPDATE SKIP LOCKED} lets every replica claim at once without
 * two of them ever taking the same run; the claim sets a lease that its owner keeps renewing. A run
 * whose lease has expired {@code max-attempts} times is failed instead of being claimed again.
 */
@ApplicationScoped
public class RunClaimer {

    static final String CLAIM = "with candidates as (select id from runs"
            + " where (status = 'pending' or (status = 'running' and lease_until < now())) and attempt < $3"
            + " order by created_at limit $1 for update skip locked)"
            + " update runs r set status = 'running', attempt = r.attempt + 1, lease_owner = $2,"
            + " lease_until = now() + make_interval(secs => $4), started_at = now(), error = null,"
            + " tokens_in = 0, tokens_out = 0, variant_id = null"
            + " from candidates c where r.id = c.id"
            + " returning r.id, r.experiment_id, r.agent_id, r.attempt, r.config::text as config";
    static final String ABANDON = "with exhausted as (select id from runs"
            + " where status = 'running' and lease_until < now() and attempt >= $1 for update skip locked)"
            + " update runs r set status = 'failed', completed_at = now(), lease_owner = null, lease_until = null,"
            + " error = 'abandoned: the run was claimed ' || r.attempt || ' times and its worker stopped each time',"
            + " duration_ms = (extract(epoch from (now() - r.started_at)) * 1000)::bigint"
            + " from exhausted e where r.id = e.id"
            + " returning r.id, r.experiment_id, r.agent_id, r.variant_id, r.tokens_in, r.tokens_out, r.duration_ms, r.error,"
            + " r.overridden_fields";
    // Undoes a claim whose run was never started: pending again with the attempt it had, so a claim takes it now rather
    // than when its lease expires, and the claim is not counted against max-attempts. A run cancelled (or taken over)
    // since the claim is not the owner's any more and is left as it is.
    static final String RELEASE = "update runs set status = 'pending', attempt = attempt - 1, lease_owner = null,"
            + " lease_until = null, started_at = null where id = $1 and lease_owner = $2 and status = 'running'";

    private final Pool pool;
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final RunServiceConfig.Worker config;

    public RunClaimer(Pool pool, Outbox outbox, ObjectMapper mapper, RunServiceConfig config) {
        this.pool = pool;
        this.outbox = outbox;
        this.mapper = mapper;
        this.config = config.worker();
    }

    /** Claims up to {@code max} runs for {@code owner}, writing their run.started events in the same transaction. */
    public Uni<List<ClaimedRun>> claim(String owner, int max) {
        if (max <= 0) {
            return Uni.createFrom().item(List.of());
        }
        return pool.withTransaction(connection -> claimIn(connection, owner, max));
    }

    /** Claims up to {@code max} runs for {@code owner} inside the connection's transaction, with their events. */
    Uni<List<ClaimedRun>> claimIn(SqlConnection connection, String owner, int max) {
        return connection.preparedQuery(CLAIM)
                .execute(Tuple.of(max, owner, config.maxAttempts(), config.lease().toMillis() / 1000.0))
                .chain(rows -> {
                    List<ClaimedRun> claimed = new ArrayList<>();
                    for (Row row : rows) {
                        claimed.add(new ClaimedRun(row.getUUID("id"), row.getUUID("experiment_id"), row.getUUID("agent_id"),
                                row.getInteger("attempt"), config(row.getString("config")), owner));
                    }
                    return outbox.appendAll(connection, RunEvent.STARTED, claimed.stream().map(run -> new RunStartedData(run.id(),
                            run.experimentId(), run.agentId(), run.attempt())).toList())
                            .replaceWith(claimed);
                });
    }

    /**
     * Hands back a run its owner claimed but will not start (the worker is stopping); answers whether it was still
     * the owner's to hand back.
     */
    public Uni<Boolean> release(ClaimedRun run) {
        return pool.preparedQuery(RELEASE).execute(Tuple.of(run.id(), run.owner())).map(rows -> rows.rowCount() == 1);
    }

    // Read as text: decoding jsonb into a Vert.x JsonObject only to encode it again for Jackson costs twice.
    private JsonNode config(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored run config is not JSON", e);
        }
    }

    /** Fails runs whose workers kept dying, with their run.failed events; answers what it failed. */
    public Uni<List<RunOutcomeData>> abandonExhausted() {
        return pool.withTransaction(connection -> connection.preparedQuery(ABANDON).execute(Tuple.of(config.maxAttempts()))
                .chain(rows -> {
                    List<RunOutcomeData> failed = new ArrayList<>();
                    for (Row row : rows) {
                        failed.add(new RunOutcomeData(row.getUUID("id"), row.getUUID("experiment_id"), row.getUUID("agent_id"),
                                row.getUUID("variant_id"), "failed", false, row.getLong("duration_ms"),
                                row.getInteger("tokens_in"), row.getInteger("tokens_out"), null, row.getString("error"),
                                RunOutcomeData.fields(row.getArrayOfStrings("overridden_fields"))));
                    }
                    return outbox.appendAll(connection, RunEvent.FAILED, failed).replaceWith(failed);
                }));
    }
}
