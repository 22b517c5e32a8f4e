package dev.flywheel.variant.edit;

import dev.flywheel.variant.config.AgentConfig;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Embedded;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import java.util.UUID;

/**
 * What agents and variants share: a name, a slug unique among its siblings, a description and a complete config,
 * edited by one rule ({@link Edits}).
 *
 * @param <V> how the API shows the row
 */
@MappedSuperclass
public abstract class Editable<V extends Versioned> extends PanacheEntityBase {

    @Id
    public UUID id;
    public String name;
    public String slug;
    public String description;
    @Embedded
    public AgentConfig config;
    public Instant createdAt;
    public Instant updatedAt;

    /** The row as the API shows it, and as the audit trail records it. */
    public abstract V view();

    /** The agent whose resolved config a change of this row may change. */
    public abstract UUID agentId();

    /** The variant the row is, or null for an agent's base config. */
    public abstract UUID variantId();

    Content content() {
        return new Content(name, slug, description, config);
    }

    /** What an edit can change: equal before and after means there is nothing to write. */
    record Content(String name, String slug, String description, AgentConfig config) {
    }
}
