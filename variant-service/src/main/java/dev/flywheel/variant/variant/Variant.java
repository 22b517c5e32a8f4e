package dev.flywheel.variant.variant;

import dev.flywheel.variant.config.AgentConfig;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A named, complete config of an agent; at most one per agent is active (partial unique index, V1). */
@Entity
@Table(name = "agent_variants")
public class Variant extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID agentId;
    public String variantName;
    public String variantSlug;
    public String description;
    @Embedded
    public AgentConfig config;
    @Column(name = "is_active")
    public boolean active;
    public Instant createdAt;
    public Instant updatedAt;
}
