package dev.flywheel.variant.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** One audit row as the API shows it: who changed what, when, with the values before and after. */
public record AuditEntry(UUID id, UUID agentId, UUID variantId, String action, String actor, String requestId,
        JsonNode before, JsonNode after, Instant createdAt) {
}
