package dev.flywheel.verify.verification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.common.events.Outbox;
import dev.flywheel.common.persistence.GroupCommit;
import dev.flywheel.common.problem.ResourceNotFound;
import dev.flywheel.verify.VerifyConfig;
import dev.flywheel.verify.assess.VerificationResult;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Completes verifications in groups ({@link GroupCommit}): whatever finished while the previous group was being
 * written goes into the next, as one statement and one outbox batch in one transaction. A thousand warmups that end
 * together so cost a handful of round trips instead of a transaction each; a lone completion is written at once.
 * <p>
 * The statement completes only verifications still pending (locked, so two replicas never both complete one), writes
 * each verdict into the snapshot the verification names when that one holds no verdict yet, and otherwise into a
 * fallback snapshot, so every verification is auditable (SPEC §6). Since a snapshot takes one verification
 * (migration V4), the named one holds no verdict yet; the check stays so that a snapshot's verdict can never be the
 * reason a whole group fails (V1's trigger refuses a second one).
 */
@ApplicationScoped
public class CompletionWriter {

    static final String COMPLETE = """
            with input as (
                select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::text[])
                    as i(id, result, post_state, tools_used, fallback_id, failure_reason)
            ), pending as (
                select v.id, v.incident_id, v.action_taken, v.pre_state, v.snapshot_id, i.result,
                       i.post_state::jsonb as post_state, i.tools_used, i.fallback_id, i.failure_reason
                from verifications v join input i on i.id = v.id
                where v.status = 'pending'
                for update of v
            ), named as (
                update evidence_snapshots s
                set post_state = p.post_state, action_taken = p.action_taken, verification_result = p.result
                from pending p
                where s.id = p.snapshot_id and s.verification_result is null
                returning s.id as snapshot_id, p.id as verification_id
            ), fallback as (
                insert into evidence_snapshots (id, incident_id, pre_execution_state, post_state, action_taken,
                                                verification_result, created_at)
                select p.fallback_id, p.incident_id, p.pre_state, p.post_state, p.action_taken, p.result, now()
                from pending p where p.id not in (select verification_id from named)
                returning id
            )
            update verifications v
            set status = 'done', result = p.result, post_state = p.post_state, failure_reason = p.failure_reason,
                completed_at = now(),
                tools_used = array(select jsonb_array_elements_text(p.tools_used::jsonb)),
                snapshot_id = coalesce(n.snapshot_id, f.id)
            from pending p
                left join named n on n.verification_id = p.id
                left join fallback f on f.id = p.fallback_id
            where v.id = p.id
            returning v.id, v.incident_id, v.action_taken, v.result, v.pre_state::text as pre_state, v.failure_reason,
                      v.tools_used, v.snapshot_id, v.created_at, v.completed_at""";
    static final String FIND = """
            select id, incident_id, action_taken, result, pre_state::text as pre_state, post_state::text as post_state,
                   failure_reason, tools_used, snapshot_id, created_at, completed_at
            from verifications where id = $1""";

    private final Pool pool;
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final GroupCommit<Completion, Optional<VerificationView>> groups;

    public CompletionWriter(Pool pool, Outbox outbox, ObjectMapper mapper, VerifyConfig config) {
        this.pool = pool;
        this.outbox = outbox;
        this.mapper = mapper;
        this.groups = new GroupCommit<>(pool, config.verifications().completionBatchSize(), this::write);
    }

    private record Completion(UUID id, Outcome outcome) {
    }

    /**
     * Records the outcome and emits the finished verification; one another replica finished first stays as it
     * finished and is emitted as it is.
     */
    public Uni<VerificationView> complete(UUID id, Outcome outcome) {
        return groups.write(new Completion(id, outcome))
                .chain(completed -> completed.map(view -> Uni.createFrom().item(view)).orElseGet(() -> find(id)));
    }

    /**
     * Completes the group's pending verifications; empty for each one that was not pending any more. A verification
     * twice in the group (its owner's run and a take-over on this replica finishing together) is written with its
     * first outcome only, and both are answered with that: given both, the statement would store a fallback snapshot
     * for each, and could write one outcome into the named snapshot and the other into the verification.
     */
    private Uni<List<Optional<VerificationView>>> write(SqlConnection connection, List<Completion> group) {
        Map<UUID, Outcome> outcomes = new LinkedHashMap<>();
        group.forEach(completion -> outcomes.putIfAbsent(completion.id(), completion.outcome()));
        int size = outcomes.size();
        UUID[] ids = new UUID[size];
        String[] results = new String[size];
        String[] postStates = new String[size];
        String[] tools = new String[size];
        UUID[] fallbacks = new UUID[size];
        String[] failureReasons = new String[size];
        int i = 0;
        for (Map.Entry<UUID, Outcome> completion : outcomes.entrySet()) {
            Outcome outcome = completion.getValue();
            ids[i] = completion.getKey();
            results[i] = outcome.result().wire();
            postStates[i] = outcome.postState() == null ? null : json(outcome.postState());
            tools[i] = json(mapper.valueToTree(outcome.toolsUsed()));
            fallbacks[i] = UUID.randomUUID();
            failureReasons[i] = outcome.failureReason();
            i++;
        }
        return connection.preparedQuery(COMPLETE).execute(Tuple.of(ids, results, postStates, tools, fallbacks, failureReasons))
                .chain(rows -> {
                    Map<UUID, VerificationView> views = new HashMap<>();
                    List<VerificationCompleted> events = new ArrayList<>();
                    for (Row row : rows) {
                        VerificationView view = view(row, outcomes.get(row.getUUID("id")).postState());
                        views.put(view.id(), view);
                        events.add(new VerificationCompleted(view.id(), view.incidentId(), view.result(),
                                view.actionTaken(), view.toolsUsed(), view.snapshotId(), view.completedAt()));
                    }
                    return outbox.appendAll(connection, VerificationCompleted.TYPE, events).replaceWith(group.stream()
                            .map(completion -> Optional.ofNullable(views.get(completion.id()))).toList());
                });
    }

    private Uni<VerificationView> find(UUID id) {
        return pool.preparedQuery(FIND).execute(Tuple.of(id)).map(rows -> {
            if (!rows.iterator().hasNext()) {
                throw new ResourceNotFound("verification", id);
            }
            Row row = rows.iterator().next();
            String post = row.getString("post_state");
            return view(row, post == null ? null : tree(post));
        });
    }

    private VerificationView view(Row row, JsonNode postState) {
        String pre = row.getString("pre_state");
        String result = row.getString("result");
        Instant completedAt = row.getOffsetDateTime("completed_at") == null ? null
                : row.getOffsetDateTime("completed_at").toInstant();
        return new VerificationView(row.getUUID("id"), row.getString("incident_id"), row.getString("action_taken"),
                result == null ? VerificationStatus.PENDING : VerificationStatus.DONE, VerificationResult.fromWire(result),
                pre == null ? null : tree(pre), postState, row.getString("failure_reason"),
                List.of(row.getArrayOfStrings("tools_used")),
                row.getUUID("snapshot_id"), row.getOffsetDateTime("created_at").toInstant(), completedAt);
    }

    private String json(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a collected state that cannot be written as JSON", e);
        }
    }

    private JsonNode tree(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored state that is not JSON", e);
        }
    }
}
