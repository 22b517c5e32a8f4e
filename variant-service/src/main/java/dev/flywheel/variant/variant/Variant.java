package dev.flywheel.variant.variant;

import dev.flywheel.variant.edit.Editable;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;

/** A named, complete config of an agent; at most one per agent is active (partial unique index, V1). */
@Entity
@Table(name = "agent_variants")
@AttributeOverride(name = "name", column = @Column(name = "variant_name"))
@AttributeOverride(name = "slug", column = @Column(name = "variant_slug"))
public class Variant extends Editable<VariantView> {

    public UUID agentId;
    @Column(name = "is_active")
    public boolean active;

    @Override
    public VariantView view() {
        return VariantView.of(this);
    }

    @Override
    public UUID agentId() {
        return agentId;
    }

    @Override
    public UUID variantId() {
        return id;
    }
}
