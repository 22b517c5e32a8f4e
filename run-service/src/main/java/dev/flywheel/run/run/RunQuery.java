package dev.flywheel.run.run;

import dev.flywheel.common.paging.QueryValues;
import dev.flywheel.common.problem.InvalidInput;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The filters and order of {@code GET /api/runs}, read from its query parameters; a value that does not
 * parse is a 400 naming the parameter, never a silently ignored filter.
 */
public record RunQuery(UUID experimentId, String status, String model, UUID agentId, Double minScore, Double maxScore,
        Long minLatencyMs, Long maxLatencyMs, Sort sort, boolean ascending) {

    static final Set<String> STATUSES = Set.of("pending", "running", "completed", "failed", "cancelled");

    /** What a list can be ordered by: creation time, the run's mean score, or its duration (its latency). */
    public enum Sort {
        CREATED_AT, SCORE, LATENCY;

        static Sort parse(String value) {
            return Arrays.stream(values()).filter(sort -> sort.name().equalsIgnoreCase(value)).findFirst()
                    .orElseThrow(() -> new InvalidInput("sort", "must be one of score, latency, created_at"));
        }
    }

    public static RunQuery parse(String experimentId, String status, String model, String agentId, String minScore,
            String maxScore, String minLatencyMs, String maxLatencyMs, String sort, String order) {
        if (present(status) && !STATUSES.contains(status)) {
            throw new InvalidInput("status", "must be one of pending, running, completed, failed, cancelled");
        }
        Double fromScore = score(minScore, "min_score");
        Double toScore = score(maxScore, "max_score");
        if (fromScore != null && toScore != null && fromScore > toScore) {
            throw new InvalidInput("min_score", "must not be above max_score");
        }
        Long fromLatency = latency(minLatencyMs, "min_latency_ms");
        Long toLatency = latency(maxLatencyMs, "max_latency_ms");
        if (fromLatency != null && toLatency != null && fromLatency > toLatency) {
            throw new InvalidInput("min_latency_ms", "must not be above max_latency_ms");
        }
        boolean ascending = false;
        if (present(order)) {
            String lower = order.toLowerCase(Locale.ROOT);
            if (!lower.equals("asc") && !lower.equals("desc")) {
                throw new InvalidInput("order", "must be asc or desc");
            }
            ascending = lower.equals("asc");
        }
        return new RunQuery(uuid(experimentId, "experiment_id"), present(status) ? status : null,
                QueryValues.text("model", model), uuid(agentId, "agent_id"), fromScore, toScore, fromLatency,
                toLatency, present(sort) ? Sort.parse(sort) : Sort.CREATED_AT, ascending);
    }

    private static UUID uuid(String value, String parameter) {
        if (!present(value)) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(parameter, "must be a UUID");
        }
    }

    private static Double score(String value, String parameter) {
        if (!present(value)) {
            return null;
        }
        try {
            double score = Double.parseDouble(value.strip());
            if (score >= 0 && score <= 1) {
                return score;
            }
        } catch (NumberFormatException e) {
            // answered below, with the range
        }
        throw new InvalidInput(parameter, "must be a number from 0 to 1");
    }

    private static Long latency(String value, String parameter) {
        if (!present(value)) {
            return null;
        }
        try {
            long millis = Long.parseLong(value.strip());
            if (millis >= 0) {
                return millis;
            }
        } catch (NumberFormatException e) {
            // answered below, with the range
        }
        throw new InvalidInput(parameter, "must be a whole number of milliseconds, 0 or more");
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
