package dev.flywheel.variant.variant;

import dev.flywheel.common.paging.Cursor;
import dev.flywheel.common.problem.ResourceNotFound;
import dev.flywheel.common.problem.StateConflict;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** The agent_variants table; lookups that find nothing fail with 404. */
@ApplicationScoped
public class VariantRepository implements PanacheRepositoryBase<Variant, UUID> {

    /** The agent's variants, oldest first, after the cursor's row. */
    public Uni<List<Variant>> page(UUID agentId, Cursor after, int limit) {
        var query = after == null
                ? find("agentId = ?1 order by createdAt, id", agentId)
                : find("agentId = ?1 and (createdAt > ?2 or (createdAt = ?2 and id > ?3)) order by createdAt, id",
                        agentId, after.at(), after.id());
        return query.range(0, limit).list();
    }

    public Uni<List<Variant>> all(UUID agentId) {
        return list("agentId = ?1 order by createdAt, id", agentId);
    }

    /** The variant of that agent; fails with 404 when the agent has no such variant. */
    public Uni<Variant> require(UUID agentId, UUID variantId) {
        return find("id = ?1 and agentId = ?2", variantId, agentId).firstResult()
                .onItem().ifNull().failWith(() -> new ResourceNotFound("variant", variantId));
    }

    /** The agent's active variants: one at most, by the partial unique index. */
    public Uni<List<Variant>> active(UUID agentId) {
        return list("agentId = ?1 and active = true", agentId);
    }

    public Uni<Void> requireFreeSlug(UUID agentId, String slug) {
        return count("agentId = ?1 and slug = ?2", agentId, slug).invoke(count -> {
            if (count > 0) {
                throw new StateConflict("the agent already has a variant with slug " + slug);
            }
        }).replaceWithVoid();
    }
}
