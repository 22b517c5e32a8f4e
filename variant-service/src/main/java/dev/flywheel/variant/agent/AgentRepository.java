package dev.flywheel.variant.agent;

import dev.flywheel.common.paging.Cursor;
import dev.flywheel.common.problem.ResourceNotFound;
import dev.flywheel.common.problem.StateConflict;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.UUID;

/** The agents table, for every feature of this service; lookups that find nothing fail with 404. */
@ApplicationScoped
public class AgentRepository implements PanacheRepositoryBase<Agent, UUID> {

    /** Oldest first, after the cursor's row. */
    public Uni<List<Agent>> page(Cursor after, int limit) {
        var query = after == null
                ? find("order by createdAt, id")
                : find("createdAt > ?1 or (createdAt = ?1 and id > ?2) order by createdAt, id", after.at(), after.id());
        return query.range(0, limit).list();
    }

    public Uni<Agent> require(UUID id) {
        return findById(id).onItem().ifNull().failWith(() -> new ResourceNotFound("agent", id));
    }

    public Uni<Agent> requireBySlug(String slug) {
        return find("slug", slug).firstResult().onItem().ifNull().failWith(() -> new ResourceNotFound("agent", slug));
    }

    /** Holds the agent's row lock until the transaction ends: changes to it and its variants queue up behind it. */
    public Uni<Agent> lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> new ResourceNotFound("agent", id));
    }

    public Uni<Void> requireFreeSlug(String slug) {
        return count("slug", slug).invoke(count -> {
            if (count > 0) {
                throw new StateConflict("an agent with slug " + slug + " already exists");
            }
        }).replaceWithVoid();
    }
}
