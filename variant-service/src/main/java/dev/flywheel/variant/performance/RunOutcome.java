package dev.flywheel.variant.performance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.common.events.CloudEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What a {@code run.completed} / {@code run.failed} event of run-service says about one run (the lead's
 * cross-service contract): latency_ms is the run's duration_ms, score its mean_score, and
 * {@code overridden_fields} what an agent-linked run set itself instead of taking it from the agent (SPEC §10;
 * absent in events of older run-services, which means nothing was overridden).
 */
public record RunOutcome(UUID eventId, UUID runId, UUID agentId, UUID variantId, boolean success, long latencyMs,
        long tokensIn, long tokensOut, Double score, Instant recordedAt, List<String> overriddenFields) {

    static final Set<String> TYPES = Set.of("run.completed", "run.failed");

    /**
     * The outcome an event reports, or empty when it is not a run outcome or names no agent (a run
     * without an agent has no variant to credit). Fails on an outcome event whose data breaks the contract.
     */
    public static Optional<RunOutcome> of(CloudEvent event) {
        if (!TYPES.contains(event.type()) || event.data() == null || !event.data().hasNonNull("agent_id")) {
            return Optional.empty();
        }
        JsonNode data = event.data();
        Double score = data.hasNonNull("mean_score") ? data.get("mean_score").asDouble() : null;
        return Optional.of(new RunOutcome(event.id(), uuid(data, "run_id"), uuid(data, "agent_id"),
                data.hasNonNull("variant_id") ? uuid(data, "variant_id") : null,
                data.path("success").asBoolean(false),
                Math.max(0, data.path("duration_ms").asLong(0)),
                Math.max(0, data.path("tokens_in").asLong(0)),
                Math.max(0, data.path("tokens_out").asLong(0)),
                score,
                event.time() != null ? event.time() : Instant.now(),
                fields(data.get("overridden_fields"))));
    }

    /** Whether the run ran the variant's config, and so counts in its metrics. */
    public boolean counted() {
        return overriddenFields.isEmpty();
    }

    private static List<String> fields(JsonNode value) {
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException("overridden_fields is not an array");
        }
        List<String> fields = new ArrayList<>();
        value.forEach(field -> {
            if (!field.isTextual()) {
                throw new IllegalArgumentException("overridden_fields holds a value that is not a string");
            }
            fields.add(field.asText());
        });
        return List.copyOf(fields);
    }

    private static UUID uuid(JsonNode data, String field) {
        JsonNode value = data.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(field + " is missing or not a string");
        }
        return UUID.fromString(value.asText());
    }
}
