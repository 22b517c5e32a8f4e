package dev.flywheel.variant.variant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.flywheel.common.etag.EntityTags;
import dev.flywheel.variant.config.AgentConfig;
import dev.flywheel.variant.edit.Versioned;
import java.time.Instant;
import java.util.UUID;

/** A variant as the API shows it, with its twelve config fields at top level. */
public record VariantView(UUID id, UUID agentId, String variantName, String variantSlug, String description,
        @JsonProperty("is_active") boolean active, @JsonUnwrapped AgentConfig config, Instant createdAt,
        Instant updatedAt) implements Versioned {

    public static VariantView of(Variant variant) {
        return new VariantView(variant.id, variant.agentId, variant.name, variant.slug,
                variant.description, variant.active, variant.config, variant.createdAt, variant.updatedAt);
    }

    /** The version's strong entity tag: it changes with every edit and every (de)activation. */
    @JsonIgnore
    @Override
    public String etag() {
        return EntityTags.of(id, updatedAt, active);
    }
}
