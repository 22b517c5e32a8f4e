package dev.flywheel.variant.edit;

import dev.flywheel.variant.config.ConfigPatch;

/** The fields a PATCH of an agent or a variant sends, each null when left out. */
public record Edit(String name, String slug, String description, ConfigPatch config) {
}
