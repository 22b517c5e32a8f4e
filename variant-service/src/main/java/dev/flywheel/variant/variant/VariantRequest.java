package dev.flywheel.variant.variant;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.flywheel.variant.config.ConfigPatch;
import dev.flywheel.variant.config.OnCreate;
import dev.flywheel.variant.edit.Edit;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST} and {@code PATCH /api/agents/{id}/variants[/{variant_id}]}: identity fields and the twelve
 * config fields, all at top level. Config fields left out of a creation are copied from the agent's base config at
 * that moment, so a variant is always complete.
 */
public record VariantRequest(
        @NotNull(groups = OnCreate.class) @Size(min = 1, max = 200)
        @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String variantName,
        @Size(max = 200) @Pattern(regexp = "^[a-z0-9]+(-[a-z0-9]+)*$", message = "must be lowercase letters and digits in groups joined by single hyphens")
        String variantSlug,
        @Size(max = 2000) String description,
        @JsonUnwrapped @Valid ConfigPatch config) {

    /** A body built in code without config fields carries an empty patch, so validation and merging see one. */
    public VariantRequest {
        config = config == null ? ConfigPatch.EMPTY : config;
    }

    /** The fields a PATCH changes. */
    public Edit edit() {
        return new Edit(variantName, variantSlug, description, config);
    }
}
