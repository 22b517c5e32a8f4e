package dev.flywheel.verify.incident;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.common.problem.InvalidInput;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The incident a remediation acted on (SPEC §6). Producers name it {@code incident_id}; older ones
 * only {@code id}, so that is the fallback. Labels come from the first signal.
 */
public record Incident(
        @Size(max = 200) String incidentId,
        JsonNode id,
        @Size(max = 100) List<@Valid Signal> signals) {

    /** The incident's id: {@code incident_id}, else {@code id} (a string or a number), if either is usable. */
    public Optional<String> resolvedId() {
        if (incidentId != null && !incidentId.isBlank()) {
            return Optional.of(incidentId);
        }
        if (id != null && (id.isTextual() || id.isNumber()) && !id.asText().isBlank() && id.asText().length() <= 200) {
            return Optional.of(id.asText());
        }
        return Optional.empty();
    }

    /** The incident's id, or a 400 naming the field when the incident has none. */
    public String requireId(String fieldPrefix) {
        return resolvedId().orElseThrow(() -> new InvalidInput(fieldPrefix + "incident_id",
                "an incident needs an incident_id (or an id) of at most 200 characters"));
    }

    /** The labels of the first signal; no signal (or one without labels) gives no labels. */
    public Map<String, String> labels() {
        if (signals == null || signals.isEmpty() || signals.get(0) == null || signals.get(0).labels() == null) {
            return Map.of();
        }
        return signals.get(0).labels();
    }

    /** The first signal's {@code alertname}, or the empty string. */
    public String alertname() {
        String alertname = labels().get("alertname");
        return alertname == null ? "" : alertname;
    }

    /** The same incident with its id settled, so stored copies always carry {@code incident_id}. */
    public Incident withIncidentId(String resolved) {
        return new Incident(resolved, id, signals);
    }
}
