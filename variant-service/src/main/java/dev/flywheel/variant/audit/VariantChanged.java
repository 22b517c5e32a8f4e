package dev.flywheel.variant.audit;

import java.util.UUID;

/** Data of the {@code variant.changed} event: which agent's resolved config may now differ, and why. */
public record VariantChanged(UUID agentId, UUID variantId, String action) {

    public static final String TYPE = "variant.changed";
}
