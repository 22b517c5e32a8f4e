package dev.flywheel.verify.snapshot;

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

/** The evidence kept for one remediation of an incident: state before, state after, verdict. Append-only. */
@Entity
@Table(name = "evidence_snapshots")
public class EvidenceSnapshot extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "incident_id", nullable = false, updatable = false)
    public String incidentId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "pre_execution_state", updatable = false)
    public JsonNode preExecutionState;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "post_state")
    public JsonNode postState;

    @Column(name = "action_taken")
    public String actionTaken;

    @Column(name = "verification_result")
    public String verificationResult;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    public boolean isVerified() {
        return verificationResult != null;
    }
}
