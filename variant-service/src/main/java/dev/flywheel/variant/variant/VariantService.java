package dev.flywheel.variant.variant;

import dev.flywheel.common.etag.EntityTags;
import dev.flywheel.common.paging.Cursor;
import dev.flywheel.common.paging.Page;
import dev.flywheel.common.problem.InvalidInput;
import dev.flywheel.common.problem.ResourceNotFound;
import dev.flywheel.common.problem.StateConflict;
import dev.flywheel.variant.agent.AgentService;
import dev.flywheel.variant.audit.ActiveVariant;
import dev.flywheel.variant.audit.AuditAction;
import dev.flywheel.variant.audit.ChangeLog;
import dev.flywheel.variant.config.AgentConfig;
import dev.flywheel.variant.config.ConfigPatch;
import dev.flywheel.variant.paging.Timestamps;
import dev.flywheel.variant.resolve.ResolutionCache;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Variants of an agent: creation, cloning, PATCH, deletion and the single-active switch (SPEC §4). Every
 * write evicts the agent's resolved config on this replica as soon as it has committed; the
 * {@code variant.changed} event does the same on the others.
 */
@ApplicationScoped
public class VariantService {

    private final ChangeLog changes;
    private final ResolutionCache cache;

    public VariantService(ChangeLog changes, ResolutionCache cache) {
        this.changes = changes;
        this.cache = cache;
    }

    @WithSession
    public Uni<Page<VariantView>> list(UUID agentId, Cursor after, int limit) {
        return AgentService.find(agentId).chain(agent -> {
            var query = after == null
                    ? Variant.<Variant>find("agentId = ?1 order by createdAt, id", agentId)
                    : Variant.<Variant>find("agentId = ?1 and (createdAt > ?2 or (createdAt = ?2 and id > ?3))"
                            + " order by createdAt, id", agentId, after.at(), after.id());
            return query.range(0, limit).list();
        }).map(rows -> Page.of(rows, limit, variant -> new Cursor(variant.createdAt, variant.id).encode(),
                VariantView::of));
    }

    @WithSession
    public Uni<VariantView> get(UUID agentId, UUID variantId) {
        return find(agentId, variantId).map(VariantView::of);
    }

    /** Every variant of the agent, oldest first; 404 when the agent does not exist. */
    @WithSession
    public Uni<List<VariantView>> all(UUID agentId) {
        return AgentService.find(agentId)
                .chain(agent -> Variant.<Variant>find("agentId = ?1 order by createdAt, id", agentId).list())
                .map(rows -> rows.stream().map(VariantView::of).toList());
    }

    /** Fields not given are copied from the agent's base config as it is now. */
    public Uni<VariantView> create(UUID agentId, VariantRequest request) {
        String slug = slugFor(request.variantSlug(), request.variantName());
        return Panache.withTransaction(() -> AgentService.find(agentId)
                .chain(agent -> insert(agentId, request.variantName(), slug, request.description(),
                        request.config().applyTo(agent.config), AuditAction.CREATE)));
    }

    /** A clone of the agent's base config, or of one of its variants; always inactive. */
    public Uni<VariantView> clone(UUID agentId, UUID sourceVariantId, CloneRequest request) {
        String slug = slugFor(request.variantSlug(), request.variantName());
        ConfigPatch overrides = request.overridesOrNone();
        return Panache.withTransaction(() -> source(agentId, sourceVariantId)
                .chain(config -> insert(agentId, request.variantName(), slug, request.description(),
                        overrides.applyTo(config), AuditAction.CLONE)));
    }

    /**
     * Changes only the fields sent; a PATCH that changes nothing writes nothing (not even updated_at). With
     * {@code If-Match}, only the version the client read is changed (the agent's row lock makes the check and the
     * write one step).
     */
    public Uni<VariantView> update(UUID agentId, UUID variantId, VariantRequest request, String ifMatch) {
        return Panache.withTransaction(() -> AgentService.lock(agentId).chain(() -> find(agentId, variantId))
                .chain(variant -> {
                    VariantView before = VariantView.of(variant);
                    EntityTags.requireMatch(ifMatch, before.etag());
                    String slug = Objects.requireNonNullElse(request.variantSlug(), variant.variantSlug);
                    Uni<Void> slugFree = slug.equals(variant.variantSlug) ? Uni.createFrom().voidItem()
                            : requireFreeSlug(agentId, slug);
                    return slugFree.chain(() -> {
                        variant.variantName = Objects.requireNonNullElse(request.variantName(), variant.variantName);
                        variant.variantSlug = slug;
                        variant.description = Objects.requireNonNullElse(request.description(), variant.description);
                        variant.config = request.config().applyTo(variant.config);
                        if (sameContent(before, VariantView.of(variant))) {
                            return Uni.createFrom().item(before);
                        }
                        variant.updatedAt = Timestamps.now();
                        VariantView after = VariantView.of(variant);
                        return changes.record(AuditAction.UPDATE, agentId, variantId, before, after).replaceWith(after);
                    });
                })).invoke(() -> cache.evict(agentId));
    }

    public Uni<Void> delete(UUID agentId, UUID variantId, String ifMatch) {
        return Panache.withTransaction(() -> AgentService.lock(agentId)
                .chain(() -> find(agentId, variantId))
                .invoke(variant -> EntityTags.requireMatch(ifMatch, VariantView.of(variant).etag()))
                .chain(variant -> changes.record(AuditAction.DELETE, agentId, variantId, VariantView.of(variant), null)
                        .chain(variant::delete)))
                .invoke(() -> cache.evict(agentId));
    }

    /**
     * Deactivates the agent's variants and activates the target in one transaction. The agent's row lock
     * makes concurrent activations of one agent take turns, and the deactivation is flushed before the
     * activation because the partial unique index is checked statement by statement.
     */
    public Uni<VariantView> activate(UUID agentId, UUID variantId) {
        return Panache.withTransaction(() -> AgentService.lock(agentId)
                .chain(() -> find(agentId, variantId))
                .chain(target -> {
                    if (target.active) {
                        return Uni.createFrom().item(VariantView.of(target));
                    }
                    return deactivateAll(agentId).chain(previous -> {
                        target.active = true;
                        target.updatedAt = Timestamps.now();
                        return changes.record(AuditAction.ACTIVATE, agentId, variantId, new ActiveVariant(previous),
                                new ActiveVariant(variantId)).replaceWith(() -> VariantView.of(target));
                    });
                }))
                .invoke(() -> cache.evict(agentId));
    }

    /** Leaves no variant of the agent active, so it runs with its base config. */
    public Uni<Void> deactivate(UUID agentId) {
        return Panache.withTransaction(() -> AgentService.lock(agentId)
                .chain(() -> deactivateAll(agentId))
                .chain(previous -> previous == null ? Uni.createFrom().voidItem()
                        : changes.record(AuditAction.DEACTIVATE, agentId, previous, new ActiveVariant(previous),
                                new ActiveVariant(null))))
                .invoke(() -> cache.evict(agentId));
    }

    /** The variant of that agent; fails with 404 when the agent has no such variant. */
    public static Uni<Variant> find(UUID agentId, UUID variantId) {
        return Variant.<Variant>find("id = ?1 and agentId = ?2", variantId, agentId).firstResult()
                .onItem().ifNull().failWith(() -> new ResourceNotFound("variant", variantId));
    }

    /** Deactivates whatever is active and flushes; answers the id of the variant that was active, or null. */
    private Uni<UUID> deactivateAll(UUID agentId) {
        return Variant.<Variant>find("agentId = ?1 and active = true", agentId).list().chain(active -> {
            if (active.isEmpty()) {
                return Uni.createFrom().nullItem();
            }
            active.forEach(variant -> {
                variant.active = false;
                variant.updatedAt = Timestamps.now();
            });
            return Panache.flush().replaceWith(active.get(0).id);
        });
    }

    private Uni<AgentConfig> source(UUID agentId, UUID sourceVariantId) {
        return sourceVariantId == null
                ? AgentService.find(agentId).map(agent -> agent.config)
                : find(agentId, sourceVariantId).map(variant -> variant.config);
    }

    private Uni<VariantView> insert(UUID agentId, String name, String slug, String description, AgentConfig config,
            AuditAction action) {
        return requireFreeSlug(agentId, slug).chain(() -> {
            Variant variant = new Variant();
            variant.id = UUID.randomUUID();
            variant.agentId = agentId;
            variant.variantName = name;
            variant.variantSlug = slug;
            variant.description = Objects.requireNonNullElse(description, "");
            variant.config = config;
            variant.active = false;
            variant.createdAt = Timestamps.now();
            variant.updatedAt = variant.createdAt;
            VariantView view = VariantView.of(variant);
            return variant.persist()
                    .chain(() -> changes.record(action, agentId, variant.id, null, view))
                    .replaceWith(view);
        });
    }

    private static String slugFor(String explicit, String name) {
        String slug = explicit != null ? explicit : Slugs.slugify(name);
        if (slug.isEmpty()) {
            throw new InvalidInput("variant_name", "must contain at least one ASCII letter or digit to make a slug from");
        }
        return slug;
    }

    private static Uni<Void> requireFreeSlug(UUID agentId, String slug) {
        return Variant.count("agentId = ?1 and variantSlug = ?2", agentId, slug).invoke(count -> {
            if (count > 0) {
                throw new StateConflict("the agent already has a variant with slug " + slug);
            }
        }).replaceWithVoid();
    }

    private static boolean sameContent(VariantView a, VariantView b) {
        return a.variantName().equals(b.variantName()) && a.variantSlug().equals(b.variantSlug())
                && a.description().equals(b.description()) && a.config().equals(b.config());
    }
}
