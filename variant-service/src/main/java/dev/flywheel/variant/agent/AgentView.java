package dev.flywheel.variant.agent;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.flywheel.common.etag.EntityTags;
import dev.flywheel.variant.config.AgentConfig;
import dev.flywheel.variant.edit.Versioned;
import java.time.Instant;
import java.util.UUID;

/** An agent as the API shows it: identity, source and the twelve base config fields at top level. */
public record AgentView(UUID id, String name, String slug, String description, String source,
        @JsonUnwrapped AgentConfig config, Instant createdAt, Instant updatedAt) implements Versioned {

    public static AgentView of(Agent agent) {
        return new AgentView(agent.id, agent.name, agent.slug, agent.description, agent.source, agent.config,
                agent.createdAt, agent.updatedAt);
    }

    /** The version's strong entity tag: it changes with every edit. */
    @JsonIgnore
    @Override
    public String etag() {
        return EntityTags.of(id, updatedAt);
    }
}
