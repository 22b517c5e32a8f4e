package dev.flywheel.run.run;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A run in a list: everything but its config, stages and scores, with the start of its prompt template
 * ({@code prompt}, null when the agent supplies it) and of its input, for tables that show what was run.
 */
public record RunSummary(UUID id, UUID experimentId, String status, UUID agentId, UUID variantId, String model,
        List<String> overriddenFields, String prompt, String input, int tokensIn, int tokensOut, Long durationMs,
        String error, Double meanScore, Instant createdAt, Instant startedAt, Instant completedAt) {

    /** How many characters of the prompt and input a list carries. */
    static final int EXCERPT = 200;
}
