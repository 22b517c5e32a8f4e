package dev.flywheel.verify.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.common.paging.Cursor;
import dev.flywheel.common.paging.Page;
import dev.flywheel.common.problem.ResourceNotFound;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Evidence snapshots: recorded once, never deleted, listed per incident newest first. */
@ApplicationScoped
public class SnapshotService {

    private static final String NEWEST_FIRST = "incidentId = :incident order by createdAt desc, id desc";
    private static final String NEWEST_FIRST_AFTER = "incidentId = :incident"
            + " and (createdAt < :createdAt or (createdAt = :createdAt and id < :id)) order by createdAt desc, id desc";

    @WithTransaction
    public Uni<SnapshotView> recordPreState(String incidentId, JsonNode preExecutionState) {
        EvidenceSnapshot snapshot = new EvidenceSnapshot();
        snapshot.id = UUID.randomUUID();
        snapshot.incidentId = incidentId;
        snapshot.preExecutionState = preExecutionState;
        snapshot.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return snapshot.persist().replaceWith(SnapshotView.of(snapshot));
    }

    @WithSession
    public Uni<SnapshotView> find(String incidentId, UUID snapshotId) {
        return EvidenceSnapshot.<EvidenceSnapshot>findById(snapshotId)
                .map(snapshot -> {
                    if (snapshot == null || !snapshot.incidentId.equals(incidentId)) {
                        throw new ResourceNotFound("snapshot", snapshotId);
                    }
                    return SnapshotView.of(snapshot);
                });
    }

    @WithSession
    public Uni<Page<SnapshotView>> evidence(String incidentId, int limit, String cursor) {
        Cursor after = Cursor.decode(cursor);
        var query = after == null
                ? EvidenceSnapshot.<EvidenceSnapshot>find(NEWEST_FIRST, Parameters.with("incident", incidentId))
                : EvidenceSnapshot.<EvidenceSnapshot>find(NEWEST_FIRST_AFTER, after(incidentId, after));
        // range() is inclusive: one row past the page tells whether there is a next page.
        return query.range(0, limit).list().map(rows -> Page.of(rows, limit,
                row -> new Cursor(row.createdAt, row.id).encode(), SnapshotView::of));
    }

    private static Parameters after(String incidentId, Cursor cursor) {
        return Parameters.with("incident", incidentId).and("createdAt", cursor.at()).and("id", cursor.id());
    }
}
