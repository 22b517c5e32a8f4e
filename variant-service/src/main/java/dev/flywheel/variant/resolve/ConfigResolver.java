package dev.flywheel.variant.resolve;

import dev.flywheel.variant.config.AgentConfig;
import java.util.Optional;
import java.util.UUID;

/** The resolution rule: the active variant's config when there is one, else the agent's base config. */
public final class ConfigResolver {

    /** The one active variant of an agent, reduced to what resolution needs. */
    public record ActiveVariant(UUID id, AgentConfig config) {
    }

    private ConfigResolver() {
    }

    public static ResolvedAgentConfig resolve(UUID agentId, AgentConfig base, Optional<ActiveVariant> active) {
        return active.map(variant -> new ResolvedAgentConfig(agentId, variant.id(), variant.config()))
                .orElseGet(() -> new ResolvedAgentConfig(agentId, null, base));
    }
}
