package dev.flywheel.verify.verification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.common.paging.Cursor;
import dev.flywheel.common.paging.Page;
import dev.flywheel.common.problem.ResourceNotFound;
import dev.flywheel.verify.VerifyConfig;
import dev.flywheel.verify.incident.Incident;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Verifications as records: accepted as pending by {@link AcceptanceWriter}, at most one per snapshot, completed
 * exactly once by {@link CompletionWriter}, which writes the verdict into the verification's snapshot, or into a
 * fallback snapshot when there is none, so every verification is auditable; and announces it through the outbox.
 */
@ApplicationScoped
public class VerificationService {

    private static final String NEWEST_FIRST = "order by createdAt desc, id desc";
    private static final String NEWEST_FIRST_AFTER = "createdAt < :createdAt or (createdAt = :createdAt and id < :id)"
            + " order by createdAt desc, id desc";

    private final AcceptanceWriter acceptances;
    private final CompletionWriter completions;
    private final ObjectMapper mapper;
    private final VerifyConfig config;

    public VerificationService(AcceptanceWriter acceptances, CompletionWriter completions, ObjectMapper mapper,
            VerifyConfig config) {
        this.acceptances = acceptances;
        this.completions = completions;
        this.mapper = mapper;
        this.config = config;
    }

    /** A pending verification and the job that will carry it out. */
    public record Accepted(VerificationView view, VerificationJob job) {
    }

    /**
     * Stores the verification as pending (grouped with others submitted meanwhile, {@link AcceptanceWriter}) and
     * answers once it is stored: with the snapshot's pre-execution state when it names a snapshot.
     */
    public Uni<Accepted> accept(String incidentId, Incident incident, String actionTaken, int warmupSec,
            UUID snapshotId) {
        UUID id = UUID.randomUUID();
        Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        AcceptanceWriter.Submission submission = new AcceptanceWriter.Submission(id, incidentId, json(incident),
                actionTaken, warmupSec, snapshotId, createdAt, createdAt.plus(lease(warmupSec)));
        return acceptances.accept(submission).map(pre -> new Accepted(
                new VerificationView(id, incidentId, actionTaken, VerificationStatus.PENDING, null, pre, null, null,
                        List.of(), snapshotId, createdAt, null),
                new VerificationJob(id, incidentId, incident, actionTaken, warmupSec, pre)));
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

    private String json(Incident incident) {
        try {
            return mapper.writeValueAsString(incident);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an incident that cannot be written as JSON", e);
        }
    }
}
