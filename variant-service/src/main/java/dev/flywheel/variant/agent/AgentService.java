package dev.flywheel.variant.agent;

import dev.flywheel.common.etag.EntityTags;
import dev.flywheel.common.paging.Cursor;
import dev.flywheel.common.paging.Page;
import dev.flywheel.common.problem.InvalidInput;
import dev.flywheel.common.problem.StateConflict;
import dev.flywheel.variant.audit.AuditAction;
import dev.flywheel.variant.audit.ChangeLog;
import dev.flywheel.variant.config.AgentConfig;
import dev.flywheel.variant.edit.Edits;
import dev.flywheel.variant.edit.Slugs;
import dev.flywheel.variant.paging.Timestamps;
import dev.flywheel.variant.resolve.ResolutionCache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;
import java.util.UUID;

/**
 * Agents and their base configs: the rules of SPEC §4 and the transactions that apply them. A change evicts the
 * agent's resolved config on this replica once it has committed (evicted before, a concurrent miss could cache
 * the old row again); the {@code variant.changed} event does the same on the others.
 */
@ApplicationScoped
public class AgentService {

    private final AgentRepository agents;
    private final Edits edits;
    private final ChangeLog changes;
    private final ResolutionCache cache;

    public AgentService(AgentRepository agents, Edits edits, ChangeLog changes, ResolutionCache cache) {
        this.agents = agents;
        this.edits = edits;
        this.changes = changes;
        this.cache = cache;
    }

    @WithSession
    public Uni<Page<AgentView>> list(Cursor after, int limit) {
        return agents.page(after, limit)
                .map(rows -> Page.of(rows, limit, agent -> new Cursor(agent.createdAt, agent.id).encode(),
                        AgentView::of));
    }

    @WithSession
    public Uni<AgentView> get(UUID id) {
        return agents.require(id).map(AgentView::of);
    }

    @WithSession
    public Uni<AgentView> bySlug(String slug) {
        return agents.requireBySlug(slug).map(AgentView::of);
    }

    @WithTransaction
    public Uni<AgentView> create(AgentRequest request) {
        String slug = request.slug() != null ? request.slug() : Slugs.slugify(request.name());
        if (slug.isEmpty()) {
            throw new InvalidInput("name", "must contain at least one ASCII letter or digit to make a slug from");
        }
        return agents.requireFreeSlug(slug).chain(() -> {
            Agent agent = new Agent();
            agent.id = UUID.randomUUID();
            agent.name = request.name();
            agent.slug = slug;
            agent.description = Objects.requireNonNullElse(request.description(), "");
            agent.source = Agent.USER;
            agent.config = request.config().applyTo(AgentConfig.defaults(request.config().modelName()));
            agent.createdAt = Timestamps.now();
            agent.updatedAt = agent.createdAt;
            return agents.persist(agent)
                    .chain(saved -> changes.record(AuditAction.CREATE, saved.id, null, null, AgentView.of(saved)))
                    .replaceWith(() -> AgentView.of(agent));
        });
    }

    /** The PATCH rule of {@link Edits#apply}, under the agent's row lock. */
    public Uni<AgentView> update(UUID id, AgentRequest request, String ifMatch) {
        return edit(id, request, ifMatch).invoke(() -> cache.evict(id));
    }

    /** System agents can be edited but never deleted (SPEC §4); variants and performance go with the agent. */
    public Uni<Void> delete(UUID id, String ifMatch) {
        return remove(id, ifMatch).invoke(() -> cache.evict(id));
    }

    // The transactional halves below are called on this bean and still intercepted: ArC intercepts self-invocation
    // of non-private methods, so the eviction above runs after the commit.

    @WithTransaction
    Uni<AgentView> edit(UUID id, AgentRequest request, String ifMatch) {
        return agents.lock(id).chain(agent -> edits.apply(agent, request.edit(), ifMatch, agents::requireFreeSlug));
    }

    @WithTransaction
    Uni<Void> remove(UUID id, String ifMatch) {
        return agents.lock(id).chain(agent -> {
            EntityTags.requireMatch(ifMatch, AgentView.of(agent).etag());
            if (agent.isSystem()) {
                return Uni.createFrom().failure(new StateConflict(
                        "agent " + agent.slug + " is a system agent: it can be edited but not deleted"));
            }
            return changes.record(AuditAction.DELETE, id, null, AgentView.of(agent), null)
                    .chain(() -> agents.delete(agent));
        });
    }
}
