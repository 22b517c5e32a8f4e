package dev.flywheel.variant.audit;

import java.util.UUID;

/** Before and after values of an activation or deactivation: which variant of the agent is active. */
public record ActiveVariant(UUID activeVariantId) {
}
