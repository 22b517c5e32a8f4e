package dev.flywheel.run.adapter;

import dev.flywheel.run.RunServiceConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The way the engine calls a model: picks the adapter for the provider, bounds calls in flight per
 * provider, times each attempt out and retries 429/5xx/timeouts with exponential backoff, jitter and
 * the provider's Retry-After (SPEC §5).
 */
@ApplicationScoped
public class ModelCalls {

    private static final Logger LOG = Logger.getLogger(ModelCalls.class);

    private final Map<String, ModelAdapter> adapters;
    private final Map<String, AsyncPermits> permits = new ConcurrentHashMap<>();
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
        return permitsFor(adapter.provider())
                .run(() -> adapter.complete(request)
                        .ifNoItem().after(timeout).failWith(() -> ProviderFailure.timeout(adapter.provider(), timeout)))
                .onFailure(failure -> retry < request.maxRetries() && failure instanceof ProviderFailure p && p.retryable())
                .recoverWithUni(failure -> {
                    Duration delay = backoff.delay(retry, ((ProviderFailure) failure).retryAfter().orElse(null));
                    LOG.debugf("retrying %s in %d ms after: %s", adapter.provider(), delay.toMillis(), failure.getMessage());
                    return Uni.createFrom().voidItem().onItem().delayIt().by(delay)
                            .chain(() -> attempt(adapter, request, retry + 1));
                });
    }

    private AsyncPermits permitsFor(String provider) {
        return permits.computeIfAbsent(provider, name -> new AsyncPermits(switch (name) {
            case "openai" -> config.providers().openai().concurrency();
            case "anthropic" -> config.providers().anthropic().concurrency();
            default -> config.worker().providerConcurrency();
        }));
    }
}
