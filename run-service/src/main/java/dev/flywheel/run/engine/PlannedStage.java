package dev.flywheel.run.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.run.adapter.ModelRef;
import java.time.Duration;

/**
 * One stage as it will execute: its template, model, the generation parameters sent to the provider,
 * the system prompt, the call's timeout and retries, and the parameters that enter the cache key.
 */
public record PlannedStage(int index, String template, ModelRef model, ObjectNode sentParams, String systemPrompt,
        Duration timeout, int maxRetries, ObjectNode keyParams) {
}
