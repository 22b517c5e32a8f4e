package dev.flywheel.variant.agent;

import dev.flywheel.common.etag.EntityTags;
import dev.flywheel.common.paging.Cursor;
import dev.flywheel.common.paging.Page;
import dev.flywheel.common.problem.InvalidInput;
import dev.flywheel.common.problem.ResourceNotFound;
import dev.flywheel.common.problem.StateConflict;
import dev.flywheel.variant.audit.AuditAction;
import dev.flywheel.variant.audit.ChangeLog;
import dev.flywheel.variant.config.AgentConfig;
import dev.flywheel.variant.paging.Timestamps;
import dev.flywheel.variant.resolve.ResolutionCache;
import dev.flywheel.variant.variant.Slugs;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Objects;
import java.util.UUID;

/** Agents and their base configs: the rules of SPEC §4 and the transactions that apply them. */
@ApplicationScoped
public class AgentService {

    private final ChangeLog changes;
    private final ResolutionCache cache;

    public AgentService(ChangeLog changes, ResolutionCache cache) {
        this.changes = changes;
        this.cache = cache;
    }

    @WithSession
    public Uni<Page<AgentView>> list(Cursor after, int limit) {
        var query = after == null
                ? Agent.<Agent>find("order by createdAt, id")
                : Agent.<Agent>find("createdAt > ?1 or (createdAt = ?1 and id > ?2) order by createdAt, id",
                        after.at(), after.id());
        return query.range(0, limit).list()
                .map(rows -> Page.of(rows, limit, agent -> new Cursor(agent.createdAt, agent.id).encode(),
                        AgentView::of));
    }

    @WithSession
    public Uni<AgentView> get(UUID id) {
        return find(id).map(AgentView::of);
    }

    @WithSession
    public Uni<AgentView> bySlug(String slug) {
        return Agent.<Agent>find("slug", slug).firstResult()
                .onItem().ifNull().failWith(() -> new ResourceNotFound("agent", slug))
                .map(AgentView::of);
    }

    public Uni<AgentView> create(AgentRequest request) {
        String slug = request.slug() != null ? request.slug() : Slugs.slugify(request.name());
        if (slug.isEmpty()) {
            throw new InvalidInput("name", "must contain at least one ASCII letter or digit to make a slug from");
        }
        return Panache.withTransaction(() -> requireFreeSlug(slug).chain(() -> {
            Agent agent = new Agent();
            agent.id = UUID.randomUUID();
            agent.name = request.name();
            agent.slug = slug;
            agent.description = Objects.requireNonNullElse(request.description(), "");
            agent.source = Agent.USER;
            agent.config = request.config().applyTo(AgentConfig.defaults(request.config().modelName()));
            agent.createdAt = Timestamps.now();
            agent.updatedAt = agent.createdAt;
            return agent.<Agent>persist()
                    .chain(saved -> changes.record(AuditAction.CREATE, saved.id, null, null, AgentView.of(saved)))
                    .replaceWith(() -> AgentView.of(agent));
        }));
    }

    /**
     * Changes only the fields sent; a PATCH that changes nothing writes nothing (not even updated_at). With
     * {@code If-Match}, only the version the client read is changed (the row lock makes check and write one step).
     */
    public Uni<AgentView> update(UUID id, AgentRequest request, String ifMatch) {
        return Panache.withTransaction(() -> lock(id).chain(agent -> {
            AgentView before = AgentView.of(agent);
            EntityTags.requireMatch(ifMatch, before.etag());
            String slug = Objects.requireNonNullElse(request.slug(), agent.slug);
            Uni<Void> slugFree = slug.equals(agent.slug) ? Uni.createFrom().voidItem() : requireFreeSlug(slug);
            return slugFree.chain(() -> {
                agent.name = Objects.requireNonNullElse(request.name(), agent.name);
                agent.slug = slug;
                agent.description = Objects.requireNonNullElse(request.description(), agent.description);
                agent.config = request.config().applyTo(agent.config);
                if (sameContent(before, AgentView.of(agent))) {
                    return Uni.createFrom().item(before);
                }
                agent.updatedAt = Timestamps.now();
                AgentView after = AgentView.of(agent);
                return changes.record(AuditAction.UPDATE, id, null, before, after).replaceWith(after);
            });
        })).invoke(() -> cache.evict(id));
    }

    /** System agents can be edited but never deleted (SPEC §4); variants and performance go with the agent. */
    public Uni<Void> delete(UUID id, String ifMatch) {
        return Panache.withTransaction(() -> lock(id).chain(agent -> {
                    EntityTags.requireMatch(ifMatch, AgentView.of(agent).etag());
                    if (agent.isSystem()) {
                        return Uni.createFrom().failure(new StateConflict(
                                "agent " + agent.slug + " is a system agent: it can be edited but not deleted"));
                    }
                    return changes.record(AuditAction.DELETE, id, null, AgentView.of(agent), null)
                            .chain(agent::delete);
                })).invoke(() -> cache.evict(id));
    }

    /** The agent, for other features of this service; fails with 404 when there is none. */
    public static Uni<Agent> find(UUID id) {
        return Agent.<Agent>findById(id).onItem().ifNull().failWith(() -> new ResourceNotFound("agent", id));
    }

    /** Holds the agent's row lock until the transaction ends: changes to its variants' activity queue up behind it. */
    public static Uni<Agent> lock(UUID id) {
        return Agent.<Agent>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> new ResourceNotFound("agent", id));
    }

    private static Uni<Void> requireFreeSlug(String slug) {
        return Agent.count("slug", slug).invoke(count -> {
            if (count > 0) {
                throw new StateConflict("an agent with slug " + slug + " already exists");
            }
        }).replaceWithVoid();
    }

    private static boolean sameContent(AgentView a, AgentView b) {
        return a.name().equals(b.name()) && a.slug().equals(b.slug()) && a.description().equals(b.description())
                && a.config().equals(b.config());
    }
}
