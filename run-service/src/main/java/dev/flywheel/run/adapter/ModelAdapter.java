package dev.flywheel.run.adapter;

import io.smallrye.mutiny.Uni;

/**
 * Talks to one kind of LLM provider. Implementations make a single attempt: retries, timeouts and
 * concurrency limits are applied around them by {@link ModelCalls}. A failure worth retrying is a
 * {@link ProviderFailure} with {@code retryable} set.
 */
public interface ModelAdapter {

    /** The provider part of {@code provider:model_name} this adapter serves. */
    String provider();

    Uni<Completion> complete(CompletionRequest request);
}
