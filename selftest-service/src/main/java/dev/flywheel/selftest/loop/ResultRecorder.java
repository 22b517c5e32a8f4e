package dev.flywheel.selftest.loop;

import dev.flywheel.common.events.Outbox;
import dev.flywheel.selftest.capability.Capability;
import dev.flywheel.selftest.capability.CapabilityStatus;
import dev.flywheel.selftest.probe.ProbeResult;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * Records a probe result and applies the failure-streak rules of SPEC §7: success resets the streak and
 * resolves the open proposal; failure lengthens it and, on reaching the threshold, files one proposal that
 * stays the only one until the capability recovers. Each change is announced through the outbox in the
 * same transaction.
 */
@Singleton
public class ResultRecorder {

    static final String RESULT_EVENT = "selftest.result";
    static final String PROPOSAL_FILED_EVENT = "selftest.proposal_filed";
    static final String PROPOSAL_RESOLVED_EVENT = "selftest.proposal_resolved";

    static final String ENSURE_STATE = "insert into capability_state (capability) values ($1)"
            + " on conflict (capability) do nothing";
    static final String LOCK_STATE = "select consecutive_failures from capability_state where capability = $1"
            + " for update";
    static final String UPDATE_STATE = "update capability_state set consecutive_failures = $2, last_run_at = $3,"
            + " last_success = $4, last_details = $5, last_error_type = $6 where capability = $1";
    static final String INSERT_EVENT = "insert into selftest_events (id, capability, success, details, error_type,"
            + " duration_ms, trigger_kind, recorded_at) values ($1, $2, $3, $4, $5, $6, $7, $8)";
    /** The partial unique index makes a second open proposal impossible; "do nothing" keeps the first. */
    static final String FILE_PROPOSAL = "insert into proposals (id, capability, title, body, status,"
            + " failures_at_filing, filed_at) values ($1, $2, $3, $4, 'open', $5, $6)"
            + " on conflict (capability) where status = 'open' do nothing returning id, title";
    static final String RESOLVE_PROPOSAL = "update proposals set status = 'resolved', resolved_at = $2"
            + " where capability = $1 and status = 'open' returning id, title";

    private final Outbox outbox;

    public ResultRecorder(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<RecordedResult> record(SqlConnection connection, ProbeResult result, long durationMs, Trigger trigger,
            Instant now, int threshold) {
        Capability capability = result.capability();
        return connection.preparedQuery(ENSURE_STATE).execute(Tuple.of(capability.value()))
                .chain(() -> connection.preparedQuery(LOCK_STATE).execute(Tuple.of(capability.value())))
                .map(rows -> nextStreak(rows.iterator().next().getInteger(0), result.success()))
                .chain(failures -> connection.preparedQuery(UPDATE_STATE)
                        .execute(Tuple.of(capability.value(), failures, LoopStateStore.utc(now), result.success(),
                                result.details(), result.errorType()))
                        .replaceWith(failures))
                .chain(failures -> {
                    UUID eventId = UUID.randomUUID();
                    return connection.preparedQuery(INSERT_EVENT)
                            .execute(Tuple.from(new Object[] { eventId, capability.value(), result.success(),
                                    result.details(), result.errorType(), durationMs, trigger.value(),
                                    LoopStateStore.utc(now) }))
                            .chain(() -> result.success()
                                    ? resolve(connection, capability, now)
                                    : fileIfDue(connection, result, failures, threshold, now))
                            .map(change -> new RecordedResult(eventId, capability, result.success(), result.details(),
                                    result.errorType(), durationMs, trigger, failures,
                                    CapabilityStatus.forFailures(failures, threshold),
                                    result.success() ? null : change, result.success() ? change : null, now));
                })
                .call(recorded -> outbox.append(connection, RESULT_EVENT, recorded));
    }

    /** SPEC §7: success resets the streak to 0, failure lengthens it by one. */
    public static int nextStreak(int consecutiveFailures, boolean success) {
        return success ? 0 : consecutiveFailures + 1;
    }

    /** The proposal's title names the capability in upper case, e.g. {@code TOOL_USE} (SPEC §7). */
    public static String proposalTitle(Capability capability, int failures) {
        return "Upgrade proposal: " + capability.value().toUpperCase(Locale.ROOT) + " failed " + failures
                + " self-tests in a row";
    }

    private Uni<UUID> fileIfDue(SqlConnection connection, ProbeResult result, int failures, int threshold,
            Instant now) {
        if (failures < threshold) {
            return Uni.createFrom().nullItem();
        }
        Capability capability = result.capability();
        String body = "The " + capability.value() + " self-test failed " + failures + " times in a row. Last failure"
                + (result.errorType() == null ? "" : " (" + result.errorType() + ")") + ": " + result.details();
        return connection.preparedQuery(FILE_PROPOSAL)
                .execute(Tuple.of(UUID.randomUUID(), capability.value(), proposalTitle(capability, failures), body,
                        failures, LoopStateStore.utc(now)))
                .chain(rows -> rows.iterator().hasNext()
                        ? announce(connection, PROPOSAL_FILED_EVENT, capability, rows.iterator().next(), failures)
                        : Uni.createFrom().nullItem());
    }

    private Uni<UUID> resolve(SqlConnection connection, Capability capability, Instant now) {
        return connection.preparedQuery(RESOLVE_PROPOSAL).execute(Tuple.of(capability.value(), LoopStateStore.utc(now)))
                .chain(rows -> rows.iterator().hasNext()
                        ? announce(connection, PROPOSAL_RESOLVED_EVENT, capability, rows.iterator().next(), 0)
                        : Uni.createFrom().nullItem());
    }

    private Uni<UUID> announce(SqlConnection connection, String type, Capability capability, Row proposal,
            int failures) {
        UUID id = proposal.getUUID("id");
        ProposalEvent event = new ProposalEvent(id, capability, proposal.getString("title"), failures);
        return outbox.append(connection, type, event).replaceWith(id);
    }

    /** Data of the proposal events. */
    public record ProposalEvent(UUID proposalId, Capability capability, String title, int consecutiveFailures) {
    }
}
