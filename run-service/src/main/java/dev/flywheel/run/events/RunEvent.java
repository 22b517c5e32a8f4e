package dev.flywheel.run.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** A run's progress as the in-process bus and the SSE stream carry it; {@code data} is the outbox event's data. */
public record RunEvent(String type, UUID runId, Instant time, JsonNode data) {

    public static final String STARTED = "run.started";
    public static final String STAGE_COMPLETED = "run.stage_completed";
    public static final String COMPLETED = "run.completed";
    public static final String FAILED = "run.failed";
    /** Announced on the in-process bus only: variant-service's performance log has no use for it. */
    public static final String CANCELLED = "run.cancelled";

    public boolean terminal() {
        return COMPLETED.equals(type) || FAILED.equals(type) || CANCELLED.equals(type);
    }
}
