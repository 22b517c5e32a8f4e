package dev.flywheel.verify.verification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.verify.VerifyConfig;
import dev.flywheel.verify.incident.Incident;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Finishes verifications whose replica died before completing them: a pending verification whose
 * lease ran out is claimed (one replica wins, {@code FOR UPDATE SKIP LOCKED}), given a fresh lease and
 * run again without warmup, since its warmup passed long ago.
 */
@ApplicationScoped
public class StalledVerificationSweeper {

    private static final Logger LOG = Logger.getLogger(StalledVerificationSweeper.class);

    static final String CLAIM = """
            update verifications set lease_until = now() + make_interval(secs => $1)
            where id in (select id from verifications
                         where status = 'pending' and lease_until < now()
                         order by lease_until limit $2 for update skip locked)
            returning id, incident_id, incident::text as incident, action_taken, pre_state::text as pre_state""";

    private final Pool pool;
    private final VerificationRunner runner;
    private final VerificationService verifications;
    private final ObjectMapper mapper;
    private final VerifyConfig config;

    public StalledVerificationSweeper(Pool pool, VerificationRunner runner, VerificationService verifications,
            ObjectMapper mapper, VerifyConfig config) {
        this.pool = pool;
        this.runner = runner;
        this.verifications = verifications;
        this.mapper = mapper;
        this.config = config;
    }

    @Scheduled(every = "${verify.verifications.sweep-interval}", delayed = "${verify.verifications.sweep-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return sweep().replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("sweeping stalled verifications failed, next round retries: %s", failure.toString());
                    return null;
                });
    }

    /** Claims and finishes one batch of stalled verifications; answers how many were taken over. */
    public Uni<Integer> sweep() {
        double leaseSeconds = verifications.lease(0).toMillis() / 1000.0;
        return pool.preparedQuery(CLAIM).execute(Tuple.of(leaseSeconds, config.verifications().sweepBatchSize()))
                .map(rows -> {
                    List<VerificationJob> jobs = new ArrayList<>();
                    rows.forEach(row -> jobs.add(job(row)));
                    return jobs;
                })
                .chain(jobs -> jobs.isEmpty() ? Uni.createFrom().item(0)
                        : Multi.createFrom().iterable(jobs)
                                .onItem().transformToUniAndMerge(job -> runner.run(job).replaceWith(Boolean.TRUE)
                                        .onFailure().recoverWithItem(Boolean.FALSE))
                                .collect().asList()
                                .invoke(done -> LOG.infof("took over %d stalled verifications", jobs.size()))
                                .replaceWith(jobs.size()));
    }

    private VerificationJob job(Row row) {
        try {
            Incident incident = mapper.readValue(row.getString("incident"), Incident.class);
            String pre = row.getString("pre_state");
            JsonNode preState = pre == null ? null : mapper.readTree(pre);
            return new VerificationJob(row.getUUID("id"), row.getString("incident_id"), incident,
                    row.getString("action_taken"), 0, preState);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("verification " + row.getUUID("id") + " holds an unreadable incident", e);
        }
    }
}
