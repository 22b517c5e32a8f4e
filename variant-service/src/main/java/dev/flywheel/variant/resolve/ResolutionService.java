package dev.flywheel.variant.resolve;

import dev.flywheel.common.problem.ResourceNotFound;
import dev.flywheel.variant.agent.Agent;
import dev.flywheel.variant.resolve.ConfigResolver.ActiveVariant;
import dev.flywheel.variant.variant.Variant;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/** Answers an agent's resolved config from the cache, reading Postgres on a miss. */
@ApplicationScoped
public class ResolutionService {

    private final ResolutionCache cache;

    public ResolutionService(ResolutionCache cache) {
        this.cache = cache;
    }

    public Uni<ResolvedAgentConfig> byId(UUID agentId) {
        return cache.get(ResolutionCache.byId(agentId), () -> load(agentId, null));
    }

    public Uni<ResolvedAgentConfig> bySlug(String slug) {
        return cache.get(ResolutionCache.bySlug(slug), () -> load(null, slug));
    }

    private Uni<ResolvedAgentConfig> load(UUID agentId, String slug) {
        return Panache.withSession(() -> read(agentId, slug));
    }

    private Uni<ResolvedAgentConfig> read(UUID agentId, String slug) {
        Uni<Agent> agent = agentId != null ? Agent.findById(agentId) : Agent.find("slug", slug).firstResult();
        return agent.onItem().ifNull().failWith(() -> new ResourceNotFound("agent", agentId != null ? agentId : slug))
                .chain(found -> Variant.<Variant>find("agentId = ?1 and active = true", found.id).firstResult()
                        .map(active -> ConfigResolver.resolve(found.id, found.config,
                                Optional.ofNullable(active).map(v -> new ActiveVariant(v.id, v.config)))));
    }
}
