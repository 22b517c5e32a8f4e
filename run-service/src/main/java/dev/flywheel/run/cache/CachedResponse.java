package dev.flywheel.run.cache;

/** A stored model answer. */
public record CachedResponse(String response, String model, int tokensIn, int tokensOut, long latencyMs) {
}
