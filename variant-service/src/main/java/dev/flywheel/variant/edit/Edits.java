package dev.flywheel.variant.edit;

import dev.flywheel.common.etag.EntityTags;
import dev.flywheel.variant.audit.AuditAction;
import dev.flywheel.variant.audit.ChangeLog;
import dev.flywheel.variant.paging.Timestamps;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;
import java.util.function.Function;

/** The PATCH rule of SPEC §4, one for agents and variants. */
@ApplicationScoped
public class Edits {

    private final ChangeLog changes;

    public Edits(ChangeLog changes) {
        this.changes = changes;
    }

    /**
     * Changes only the fields sent; an edit that changes nothing writes nothing (not even updated_at). With
     * {@code If-Match}, only the version the client read is changed. Runs inside the caller's transaction, which
     * holds the agent's row lock, so the check and the write are one step.
     *
     * @param requireFreeSlug fails when a sibling already has the slug
     */
    public <V extends Versioned> Uni<V> apply(Editable<V> row, Edit edit, String ifMatch,
            Function<String, Uni<Void>> requireFreeSlug) {
        V before = row.view();
        EntityTags.requireMatch(ifMatch, before.etag());
        Editable.Content old = row.content();
        String slug = Objects.requireNonNullElse(edit.slug(), row.slug);
        Uni<Void> slugFree = slug.equals(row.slug) ? Uni.createFrom().voidItem() : requireFreeSlug.apply(slug);
        return slugFree.chain(() -> {
            row.name = Objects.requireNonNullElse(edit.name(), row.name);
            row.slug = slug;
            row.description = Objects.requireNonNullElse(edit.description(), row.description);
            row.config = edit.config().applyTo(row.config);
            if (row.content().equals(old)) {
                return Uni.createFrom().item(before);
            }
            row.updatedAt = Timestamps.now();
            V after = row.view();
            return changes.record(AuditAction.UPDATE, row.agentId(), row.variantId(), before, after).replaceWith(after);
        });
    }
}
