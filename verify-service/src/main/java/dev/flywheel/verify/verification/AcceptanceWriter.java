package dev.flywheel.verify.verification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.common.persistence.GroupCommit;
import dev.flywheel.common.problem.InvalidInput;
import dev.flywheel.common.problem.ResourceNotFound;
import dev.flywheel.common.problem.StateConflict;
import dev.flywheel.verify.VerifyConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Stores submitted verifications as pending in groups ({@link GroupCommit}): the submissions that arrive while the
 * previous group is being written go into the next, as one multi-row statement in one transaction. A thousand
 * submitted at once so cost a few dozen round trips instead of a Hibernate transaction each; a lone submission is
 * written at once. Each submission is answered only after the transaction holding its row has committed.
 * <p>
 * The statement checks a named snapshot row by row (it must exist, belong to the incident and hold no verdict yet)
 * and stores only the submissions that pass; the others are refused each with its own problem (404, 400, 409), and
 * the rest of their group is stored all the same. A snapshot takes at most one verification, pending or done: the
 * database's unique index on the named snapshot (migration V4) decides between submissions naming the same one,
 * whether they share a group or come in concurrent groups or from other replicas, and the statement skips a conflicting
 * row instead of failing, so only the later submission is refused (409) and never its whole group.
 */
@ApplicationScoped
public class AcceptanceWriter {

    static final String ACCEPT = """
            with input as (
                select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int[], $6::uuid[],
                                     $7::timestamptz[], $8::timestamptz[])
                    as i(id, incident_id, incident, action_taken, warmup_sec, snapshot_id, created_at, lease_until)
            ), checked as (
                select i.*, s.id is not null as snapshot_found, s.incident_id as snapshot_incident,
                       s.verification_result is not null as snapshot_verified, s.pre_execution_state
                from input i left join evidence_snapshots s on s.id = i.snapshot_id
            ), stored as (
                insert into verifications (id, incident_id, incident, action_taken, warmup_sec, status, pre_state,
                                           tools_used, snapshot_id, created_at, lease_until)
                select id, incident_id, incident::jsonb, action_taken, warmup_sec, 'pending', pre_execution_state,
                       '{}', snapshot_id, created_at, lease_until
                from checked
                where snapshot_id is null or (snapshot_found and snapshot_incident = incident_id and not snapshot_verified)
                on conflict (snapshot_id) where snapshot_id is not null do nothing
                returning id
            )
            select c.id, c.snapshot_found, c.snapshot_incident, c.snapshot_verified,
                   c.pre_execution_state::text as pre_state, s.id is not null as stored
            from checked c left join stored s on s.id = c.id""";

    private final ObjectMapper mapper;
    private final GroupCommit<Submission, Stored> groups;

    public AcceptanceWriter(Pool pool, ObjectMapper mapper, VerifyConfig config) {
        this.mapper = mapper;
        this.groups = new GroupCommit<>(pool, config.verifications().acceptanceBatchSize(), this::write);
    }

    /** A verification to store as pending; its incident already as JSON. */
    record Submission(UUID id, String incidentId, String incident, String actionTaken, int warmupSec, UUID snapshotId,
            Instant createdAt, Instant leaseUntil) {
    }

    /** One submission's fate: stored, with its snapshot's pre-execution state (or none), or refused. */
    private record Stored(JsonNode preState, RuntimeException refusal) {
    }

    /**
     * Stores the submission once its group commits and emits the pre-execution state of the snapshot it names (null
     * without one); fails with the problem when the named snapshot does not fit.
     */
    public Uni<JsonNode> accept(Submission submission) {
        return groups.write(submission).map(stored -> {
            if (stored.refusal() != null) {
                throw stored.refusal();
            }
            return stored.preState();
        });
    }

    private Uni<List<Stored>> write(SqlConnection connection, List<Submission> group) {
        int size = group.size();
        UUID[] ids = new UUID[size];
        String[] incidentIds = new String[size];
        String[] incidents = new String[size];
        String[] actions = new String[size];
        Integer[] warmups = new Integer[size];
        UUID[] snapshots = new UUID[size];
        OffsetDateTime[] createdAt = new OffsetDateTime[size];
        OffsetDateTime[] leaseUntil = new OffsetDateTime[size];
        for (int i = 0; i < size; i++) {
            Submission submission = group.get(i);
            ids[i] = submission.id();
            incidentIds[i] = submission.incidentId();
            incidents[i] = submission.incident();
            actions[i] = submission.actionTaken();
            warmups[i] = submission.warmupSec();
            snapshots[i] = submission.snapshotId();
            createdAt[i] = submission.createdAt().atOffset(ZoneOffset.UTC);
            leaseUntil[i] = submission.leaseUntil().atOffset(ZoneOffset.UTC);
        }
        Tuple arguments = Tuple.from(List.of(ids, incidentIds, incidents, actions, warmups, snapshots, createdAt, leaseUntil));
        return connection.preparedQuery(ACCEPT).execute(arguments).map(rows -> {
            Map<UUID, Row> byId = new HashMap<>();
            for (Row row : rows) {
                byId.put(row.getUUID("id"), row);
            }
            List<Stored> answers = new ArrayList<>(size);
            for (Submission submission : group) {
                answers.add(stored(submission, byId.get(submission.id())));
            }
            return answers;
        });
    }

    private Stored stored(Submission submission, Row row) {
        if (row.getBoolean("stored")) {
            String pre = row.getString("pre_state");
            return new Stored(pre == null ? null : tree(pre), null);
        }
        UUID snapshotId = submission.snapshotId();
        if (!row.getBoolean("snapshot_found")) {
            return new Stored(null, new ResourceNotFound("snapshot", snapshotId));
        }
        String owner = row.getString("snapshot_incident");
        if (!owner.equals(submission.incidentId())) {
            return new Stored(null, new InvalidInput("snapshot_id", "belongs to incident " + owner));
        }
        return new Stored(null, new StateConflict("snapshot " + snapshotId + " already holds a verification"));
    }

    private JsonNode tree(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored state that is not JSON", e);
        }
    }
}
