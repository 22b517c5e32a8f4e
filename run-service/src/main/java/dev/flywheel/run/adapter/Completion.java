package dev.flywheel.run.adapter;

/** A model's answer with the token counts from the provider's usage fields. */
public record Completion(String text, int tokensIn, int tokensOut, long latencyMs, String model) {
}
