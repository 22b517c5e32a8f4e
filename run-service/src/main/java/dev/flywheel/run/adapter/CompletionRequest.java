package dev.flywheel.run.adapter;

import java.time.Duration;
import java.util.Map;

/**
 * One call to a model: the rendered prompt, the model name within its provider, the generation
 * parameters to send (temperature, max_tokens, …), an optional system prompt, and this call's own
 * timeout and retry budget.
 */
public record CompletionRequest(String prompt, String systemPrompt, String model, Map<String, Object> params,
        Duration timeout, int maxRetries) {
}
