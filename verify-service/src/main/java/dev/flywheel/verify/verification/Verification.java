package dev.flywheel.verify.verification;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One post-execution verification: accepted as pending, finished once with a result. */
@Entity
@Table(name = "verifications")
public class Verification extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "incident_id", nullable = false, updatable = false)
    public String incidentId;

    /** The incident as submitted, so that a replica taking the verification over can collect its state. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, updatable = false)
    public JsonNode incident;

    @Column(name = "action_taken", nullable = false, updatable = false)
    public String actionTaken;

    @Column(name = "warmup_sec", nullable = false, updatable = false)
    public int warmupSec;

    @Column(nullable = false)
    public String status;

    public String result;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "pre_state")
    public JsonNode preState;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "post_state")
    public JsonNode postState;

    /** Why the post state is missing from a finished verification; null when it was collected. */
    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "tools_used", nullable = false)
    public String[] toolsUsed;

    @Column(name = "snapshot_id")
    public UUID snapshotId;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "lease_until", nullable = false)
    public Instant leaseUntil;

    @Column(name = "completed_at")
    public Instant completedAt;

    public boolean isDone() {
        return VerificationStatus.DONE.wire().equals(status);
    }
}
