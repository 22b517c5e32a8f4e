package dev.flywheel.variant.agent;

import dev.flywheel.variant.edit.Editable;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;

/** An agent and its base config. Never leaves the service: the API speaks {@link AgentView}. */
@Entity
@Table(name = "agents")
public class Agent extends Editable<AgentView> {

    public static final String SYSTEM = "system";
    public static final String USER = "user";

    public String source;

    public boolean isSystem() {
        return SYSTEM.equals(source);
    }

    @Override
    public AgentView view() {
        return AgentView.of(this);
    }

    @Override
    public UUID agentId() {
        return id;
    }

    @Override
    public UUID variantId() {
        return null;
    }
}
