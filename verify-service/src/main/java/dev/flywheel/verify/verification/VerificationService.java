package dev.flywheel.verify.verification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.common.paging.Cursor;
import dev.flywheel.common.paging.Page;
import dev.flywheel.common.problem.InvalidInput;
import dev.flywheel.common.problem.ResourceNotFound;
import dev.flywheel.common.problem.StateConflict;
import dev.flywheel.verify.VerifyConfig;
import dev.flywheel.verify.incident.Incident;
import dev.flywheel.verify.snapshot.EvidenceSnapshot;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Verifications as records: accepted as pending, completed exactly once by {@link CompletionWriter}, which writes
 * the verdict into the verification's snapshot, or into a fallback snapshot when there is none (or it was verified
 * meanwhile), so every verification is auditable; and announces it through the outbox.
 */
@ApplicationScoped
public class VerificationService {

    private static final String NEWEST_FIRST = "order by createdAt desc, id desc";
    private static final String NEWEST_FIRST_AFTER = "createdAt < :createdAt or (createdAt = :createdAt and id < :id)"
            + " order by createdAt desc, id desc";

    private final CompletionWriter completions;
    private final ObjectMapper mapper;
    private final VerifyConfig config;

    public VerificationService(CompletionWriter completions, ObjectMapper mapper, VerifyConfig config) {
        this.completions = completions;
        this.mapper = mapper;
        this.config = config;
    }

    /** A pending verification and the job that will carry it out. */
    public record Accepted(VerificationView view, VerificationJob job) {
    }

    @WithTransaction
    public Uni<Accepted> accept(String incidentId, Incident incident, String actionTaken, int warmupSec,
            UUID snapshotId) {
        Uni<JsonNode> preState = snapshotId == null ? Uni.createFrom().nullItem()
                : EvidenceSnapshot.<EvidenceSnapshot>findById(snapshotId).map(snapshot -> {
                    if (snapshot == null) {
                        throw new ResourceNotFound("snapshot", snapshotId);
                    }
                    if (!snapshot.incidentId.equals(incidentId)) {
                        throw new InvalidInput("snapshot_id", "belongs to incident " + snapshot.incidentId);
                    }
                    if (snapshot.isVerified()) {
                        throw new StateConflict("snapshot " + snapshotId + " already holds a verification");
                    }
                    return snapshot.preExecutionState;
                });
        return preState.chain(pre -> {
            Verification verification = new Verification();
            verification.id = UUID.randomUUID();
            verification.incidentId = incidentId;
            verification.incident = mapper.valueToTree(incident);
            verification.actionTaken = actionTaken;
            verification.warmupSec = warmupSec;
            verification.status = VerificationStatus.PENDING.wire();
            verification.preState = pre;
            verification.toolsUsed = new String[0];
            verification.snapshotId = snapshotId;
            verification.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            verification.leaseUntil = verification.createdAt.plus(lease(warmupSec));
            return verification.persist().replaceWith(new Accepted(VerificationView.of(verification),
                    new VerificationJob(verification.id, incidentId, incident, actionTaken, warmupSec, pre)));
        });
    }

    /** How long the accepting replica owns a verification before another one may take it over. */
    public Duration lease(int warmupSec) {
        return Duration.ofSeconds(warmupSec).plus(config.timeout()).plus(config.verifications().leaseGrace());
    }

    @WithSession
    public Uni<VerificationView> find(UUID id) {
        return Verification.<Verification>findById(id).map(verification -> {
            if (verification == null) {
                throw new ResourceNotFound("verification", id);
            }
            return VerificationView.of(verification);
        });
    }

    /** Every verification, newest first, one page at a time. */
    @WithSession
    public Uni<Page<VerificationView>> list(int limit, String cursor) {
        Cursor after = Cursor.decode(cursor);
        var query = after == null ? Verification.<Verification>find(NEWEST_FIRST)
                : Verification.<Verification>find(NEWEST_FIRST_AFTER,
                        Parameters.with("createdAt", after.at()).and("id", after.id()));
        // range() is inclusive: one row past the page tells whether there is a next page.
        return query.range(0, limit).list().map(rows -> Page.of(rows, limit,
                row -> new Cursor(row.createdAt, row.id).encode(), VerificationView::of));
    }

    /** Records the outcome; a verification another replica finished first stays as it finished. */
    public Uni<VerificationView> complete(UUID id, Outcome outcome) {
        return completions.complete(id, outcome);
    }
}
