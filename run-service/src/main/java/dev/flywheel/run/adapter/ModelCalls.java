package dev.flywheel.run.adapter;

import dev.flywheel.run.RunServiceConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The way the engine calls a model, and the one place of the LLM retry policy for every adapter (SPEC §5): picks the
 * adapter for the provider, bounds calls in flight per provider, times each attempt out and retries what
 * {@link ProviderFailure#retryable()} says is worth it (429, 5xx, timeouts, unreachable) with exponential backoff,
 * jitter and the provider's Retry-After. Written by hand rather than with SmallRye Fault Tolerance's {@code @Retry},
 * which cannot wait as long as a Retry-After header asks.
 * <p>
 * Only a provider that costs money or has rate limits is bounded: {@code echo} runs in-process and an
 * OpenAI-compatible server on this machine or a private network (Ollama, vLLM, llama.cpp) is bounded by default by
 * the worker's concurrency alone, so a batch against them is not throttled by a limit meant for a paid API.
 */
@ApplicationScoped
public class ModelCalls {

    private static final Logger LOG = Logger.getLogger(ModelCalls.class);

    private final Map<String, ModelAdapter> adapters;
    private final Map<String, Optional<AsyncPermits>> permits = new ConcurrentHashMap<>();
    private final RunServiceConfig config;
    private final Backoff backoff;

    public ModelCalls(Instance<ModelAdapter> adapters, RunServiceConfig config) {
        this.adapters = adapters.stream().collect(Collectors.toUnmodifiableMap(ModelAdapter::provider, Function.identity()));
        this.config = config;
        this.backoff = new Backoff(config.providers().backoffInitial(), config.providers().backoffMax());
    }

    public Set<String> providers() {
        return adapters.keySet();
    }

    public boolean knows(String provider) {
        return adapters.containsKey(provider);
    }

    public Uni<Completion> complete(ModelRef model, CompletionRequest request) {
        ModelAdapter adapter = adapters.get(model.provider());
        if (adapter == null) {
            return Uni.createFrom().failure(new ProviderFailure("no adapter for provider '" + model.provider()
                    + "'; known: " + adapters.keySet(), false, null, null));
        }
        return attempt(adapter, request, 0);
    }

    private Uni<Completion> attempt(ModelAdapter adapter, CompletionRequest request, int retry) {
        Duration timeout = request.timeout();
        Supplier<Uni<Completion>> call = () -> adapter.complete(request)
                .ifNoItem().after(timeout).failWith(() -> ProviderFailure.timeout(adapter.provider(), timeout));
        return permitsFor(adapter.provider()).map(permits -> permits.run(call)).orElseGet(call)
                .onFailure(failure -> retry < request.maxRetries() && failure instanceof ProviderFailure p && p.retryable())
                .recoverWithUni(failure -> {
                    Duration delay = backoff.delay(retry, ((ProviderFailure) failure).retryAfter().orElse(null));
                    LOG.debugf("retrying %s in %d ms after: %s", adapter.provider(), delay.toMillis(), failure.getMessage());
                    return Uni.createFrom().voidItem().onItem().delayIt().by(delay)
                            .chain(() -> attempt(adapter, request, retry + 1));
                });
    }

    private Optional<AsyncPermits> permitsFor(String provider) {
        return permits.computeIfAbsent(provider, name -> limit(name).stream().mapToObj(AsyncPermits::new).findFirst());
    }

    /** Most calls in flight to the provider on this replica; empty when the worker's concurrency is its only bound. */
    private OptionalInt limit(String provider) {
        RunServiceConfig.Providers providers = config.providers();
        return switch (provider) {
            case "echo" -> OptionalInt.empty();
            case "openai" -> providers.openai().concurrency().map(OptionalInt::of).orElseGet(() ->
                    LocalServer.at(providers.openai().baseUrl()) ? OptionalInt.empty()
                            : OptionalInt.of(RunServiceConfig.PAID_API_CONCURRENCY));
            case "anthropic" -> OptionalInt.of(providers.anthropic().concurrency());
            default -> OptionalInt.of(config.worker().providerConcurrency());
        };
    }
}
