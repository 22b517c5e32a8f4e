package dev.flywheel.run.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A run's progress as local listeners and the SSE streams see it: one event run-service relayed to Redis
 * (its CloudEvents type, id and time; {@code data} is the event's data) and the run's position after it.
 */
public record RunEvent(String type, UUID eventId, UUID runId, UUID experimentId, Instant time, RunPosition position,
        JsonNode data) {

    public static final String STARTED = "run.started";
    public static final String STAGE_COMPLETED = "run.stage_completed";
    public static final String COMPLETED = "run.completed";
    public static final String FAILED = "run.failed";
    public static final String CANCELLED = "run.cancelled";
    /** Not a relayed event: the state of a run or an experiment that opens a stream. */
    public static final String SNAPSHOT = "run.snapshot";

    /** The types run-service relays; anything else on its channel is not a run's progress. */
    public static final Set<String> RELAYED = Set.of(STARTED, STAGE_COMPLETED, COMPLETED, FAILED, CANCELLED);

    public boolean terminal() {
        return isTerminal(type);
    }

    public static boolean isTerminal(String type) {
        return COMPLETED.equals(type) || FAILED.equals(type) || CANCELLED.equals(type);
    }

    /** The run's status once this event happened. */
    public String status() {
        return switch (type) {
            case STARTED, STAGE_COMPLETED -> "running";
            case COMPLETED -> "completed";
            case FAILED -> "failed";
            case CANCELLED -> "cancelled";
            default -> throw new IllegalStateException("no status after " + type);
        };
    }
}
