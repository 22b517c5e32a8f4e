package dev.flywheel.variant.variant;

import dev.flywheel.variant.config.ConfigPatch;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of the clone endpoints: the new variant's name and the config fields that differ from the source. */
public record CloneRequest(
        @NotNull @Size(min = 1, max = 200)
        @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String variantName,
        @Size(max = 200) @Pattern(regexp = "^[a-z0-9]+(-[a-z0-9]+)*$", message = "must be lowercase letters and digits in groups joined by single hyphens")
        String variantSlug,
        @Size(max = 2000) String description,
        @Valid ConfigPatch overrides) {

    public ConfigPatch overridesOrNone() {
        return overrides == null ? ConfigPatch.EMPTY : overrides;
    }
}
