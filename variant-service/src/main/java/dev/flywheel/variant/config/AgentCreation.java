package dev.flywheel.variant.config;

/**
 * Validation group for the config constraints that hold only when an agent is created: its base config has no
 * source to copy a model name from, while a variant's or a PATCH's does.
 */
public interface AgentCreation extends OnCreate {
}
