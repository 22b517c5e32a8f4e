package dev.flywheel.variant.agent;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.flywheel.variant.config.AgentCreation;
import dev.flywheel.variant.config.ConfigPatch;
import dev.flywheel.variant.config.OnCreate;
import dev.flywheel.variant.edit.Edit;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.validation.groups.ConvertGroup;

/**
 * Body of {@code POST /api/agents} and {@code PATCH /api/agents/{id}}: identity fields and the twelve config fields,
 * all at top level. On creation name and model_name are required and the slug defaults to the slug of the name; on
 * PATCH every field is optional.
 */
public record AgentRequest(
        @NotNull(groups = OnCreate.class) @Size(min = 1, max = 200)
        @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String name,
        @Size(max = 200) @Pattern(regexp = "^[a-z0-9]+(-[a-z0-9]+)*$", message = "must be lowercase letters and digits in groups joined by single hyphens")
        String slug,
        @Size(max = 2000) String description,
        @JsonUnwrapped @Valid @ConvertGroup(from = OnCreate.class, to = AgentCreation.class) ConfigPatch config) {

    /** A body built in code without config fields carries an empty patch, so validation and merging see one. */
    public AgentRequest {
        config = config == null ? ConfigPatch.EMPTY : config;
    }

    /** The fields a PATCH changes. */
    public Edit edit() {
        return new Edit(name, slug, description, config);
    }
}
