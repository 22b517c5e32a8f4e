package dev.flywheel.variant.variant;

import dev.flywheel.common.etag.EntityTags;
import dev.flywheel.common.paging.Cursor;
import dev.flywheel.common.paging.Page;
import dev.flywheel.common.problem.InvalidInput;
import dev.flywheel.variant.agent.AgentRepository;
import dev.flywheel.variant.audit.ActiveVariant;
import dev.flywheel.variant.audit.AuditAction;
import dev.flywheel.variant.audit.ChangeLog;
import dev.flywheel.variant.config.AgentConfig;
import dev.flywheel.variant.config.ConfigPatch;
import dev.flywheel.variant.edit.Edits;
import dev.flywheel.variant.edit.Slugs;
import dev.flywheel.variant.paging.Timestamps;
import dev.flywheel.variant.resolve.ResolutionCache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Variants of an agent: creation, cloning, PATCH, deletion and the single-active switch (SPEC §4). Every change of
 * what the agent resolves to evicts its resolved config on this replica once it has committed (evicted before, a
 * concurrent miss could cache the old row again); the {@code variant.changed} event does the same on the others.
 */
@ApplicationScoped
public class VariantService {

    private final VariantRepository variants;
    private final AgentRepository agents;
    private final Edits edits;
    private final ChangeLog changes;
    private final ResolutionCache cache;

    public VariantService(VariantRepository variants, AgentRepository agents, Edits edits, ChangeLog changes,
            ResolutionCache cache) {
        this.variants = variants;
        this.agents = agents;
        this.edits = edits;
        this.changes = changes;
        this.cache = cache;
    }

    @WithSession
    public Uni<Page<VariantView>> list(UUID agentId, Cursor after, int limit) {
        return agents.require(agentId).chain(() -> variants.page(agentId, after, limit))
                .map(rows -> Page.of(rows, limit, variant -> new Cursor(variant.createdAt, variant.id).encode(),
                        VariantView::of));
    }

    @WithSession
    public Uni<VariantView> get(UUID agentId, UUID variantId) {
        return variants.require(agentId, variantId).map(VariantView::of);
    }

    /** Every variant of the agent, oldest first; 404 when the agent does not exist. */
    @WithSession
    public Uni<List<VariantView>> all(UUID agentId) {
        return agents.require(agentId).chain(() -> variants.all(agentId))
                .map(rows -> rows.stream().map(VariantView::of).toList());
    }

    /** Fields not given are copied from the agent's base config as it is now. */
    @WithTransaction
    public Uni<VariantView> create(UUID agentId, VariantRequest request) {
        String slug = slugFor(request.variantSlug(), request.variantName());
        return agents.require(agentId).chain(agent -> insert(agentId, request.variantName(), slug,
                request.description(), request.config().applyTo(agent.config), AuditAction.CREATE));
    }

    /** A clone of the agent's base config, or of one of its variants; always inactive. */
    @WithTransaction
    public Uni<VariantView> clone(UUID agentId, UUID sourceVariantId, CloneRequest request) {
        String slug = slugFor(request.variantSlug(), request.variantName());
        ConfigPatch overrides = request.overridesOrNone();
        return source(agentId, sourceVariantId).chain(config -> insert(agentId, request.variantName(), slug,
                request.description(), overrides.applyTo(config), AuditAction.CLONE));
    }

    /** The PATCH rule of {@link Edits#apply}, under the agent's row lock. */
    public Uni<VariantView> update(UUID agentId, UUID variantId, VariantRequest request, String ifMatch) {
        return edit(agentId, variantId, request, ifMatch).invoke(() -> cache.evict(agentId));
    }

    public Uni<Void> delete(UUID agentId, UUID variantId, String ifMatch) {
        return remove(agentId, variantId, ifMatch).invoke(() -> cache.evict(agentId));
    }

    /**
     * Deactivates the agent's variants and activates the target in one transaction. The agent's row lock
     * makes concurrent activations of one agent take turns, and the deactivation is flushed before the
     * activation because the partial unique index is checked statement by statement.
     */
    public Uni<VariantView> activate(UUID agentId, UUID variantId) {
        return switchTo(agentId, variantId).invoke(() -> cache.evict(agentId));
    }

    /** Leaves no variant of the agent active, so it runs with its base config. */
    public Uni<Void> deactivate(UUID agentId) {
        return switchOff(agentId).invoke(() -> cache.evict(agentId));
    }

    // The transactional halves below are called on this bean and still intercepted: ArC intercepts self-invocation
    // of non-private methods, so the evictions above run after the commit.

    @WithTransaction
    Uni<VariantView> edit(UUID agentId, UUID variantId, VariantRequest request, String ifMatch) {
        return agents.lock(agentId).chain(() -> variants.require(agentId, variantId))
                .chain(variant -> edits.apply(variant, request.edit(), ifMatch,
                        slug -> variants.requireFreeSlug(agentId, slug)));
    }

    @WithTransaction
    Uni<Void> remove(UUID agentId, UUID variantId, String ifMatch) {
        return agents.lock(agentId).chain(() -> variants.require(agentId, variantId))
                .invoke(variant -> EntityTags.requireMatch(ifMatch, VariantView.of(variant).etag()))
                .chain(variant -> changes.record(AuditAction.DELETE, agentId, variantId, VariantView.of(variant), null)
                        .chain(() -> variants.delete(variant)));
    }

    @WithTransaction
    Uni<VariantView> switchTo(UUID agentId, UUID variantId) {
        return agents.lock(agentId).chain(() -> variants.require(agentId, variantId)).chain(target -> {
            if (target.active) {
                return Uni.createFrom().item(VariantView.of(target));
            }
            return deactivateAll(agentId).chain(previous -> {
                target.active = true;
                target.updatedAt = Timestamps.now();
                return changes.record(AuditAction.ACTIVATE, agentId, variantId, new ActiveVariant(previous),
                        new ActiveVariant(variantId)).replaceWith(() -> VariantView.of(target));
            });
        });
    }

    @WithTransaction
    Uni<Void> switchOff(UUID agentId) {
        return agents.lock(agentId).chain(() -> deactivateAll(agentId))
                .chain(previous -> previous == null ? Uni.createFrom().voidItem()
                        : changes.record(AuditAction.DEACTIVATE, agentId, previous, new ActiveVariant(previous),
                                new ActiveVariant(null)));
    }

    /** Deactivates whatever is active and flushes; answers the id of the variant that was active, or null. */
    private Uni<UUID> deactivateAll(UUID agentId) {
        return variants.active(agentId).chain(active -> {
            if (active.isEmpty()) {
                return Uni.createFrom().nullItem();
            }
            active.forEach(variant -> {
                variant.active = false;
                variant.updatedAt = Timestamps.now();
            });
            return variants.flush().replaceWith(active.get(0).id);
        });
    }

    private Uni<AgentConfig> source(UUID agentId, UUID sourceVariantId) {
        return sourceVariantId == null
                ? agents.require(agentId).map(agent -> agent.config)
                : variants.require(agentId, sourceVariantId).map(variant -> variant.config);
    }

    private Uni<VariantView> insert(UUID agentId, String name, String slug, String description, AgentConfig config,
            AuditAction action) {
        return variants.requireFreeSlug(agentId, slug).chain(() -> {
            Variant variant = new Variant();
            variant.id = UUID.randomUUID();
            variant.agentId = agentId;
            variant.name = name;
            variant.slug = slug;
            variant.description = Objects.requireNonNullElse(description, "");
            variant.config = config;
            variant.active = false;
            variant.createdAt = Timestamps.now();
            variant.updatedAt = variant.createdAt;
            VariantView view = VariantView.of(variant);
            return variants.persist(variant)
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
}
