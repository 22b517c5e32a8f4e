package dev.flywheel.variant.resolve;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.flywheel.variant.config.AgentConfig;
import java.util.UUID;

/** The config an agent runs with now (SPEC §4); {@code variant_id} is null when no variant is active. */
public record ResolvedAgentConfig(UUID agentId, UUID variantId, @JsonUnwrapped AgentConfig config) {
}
