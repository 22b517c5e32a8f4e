package dev.flywheel.variant.agent;

import dev.flywheel.variant.config.AgentConfig;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An agent and its base config. Never leaves the service: the API speaks {@link AgentView}. */
@Entity
@Table(name = "agents")
public class Agent extends PanacheEntityBase {

    public static final String SYSTEM = "system";
    public static final String USER = "user";

    @Id
    public UUID id;
    public String name;
    public String slug;
    public String description;
    public String source;
    @Embedded
    public AgentConfig config;
    public Instant createdAt;
    public Instant updatedAt;

    public boolean isSystem() {
        return SYSTEM.equals(source);
    }
}
