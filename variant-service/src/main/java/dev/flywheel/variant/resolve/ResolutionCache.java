package dev.flywheel.variant.resolve;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.flywheel.variant.VariantConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Resolved configs held in memory for a TTL (SPEC §4), keyed by agent id or slug and evicted per agent.
 * A load that was under way when an eviction happened is not stored: it may have read the old state.
 */
@ApplicationScoped
public class ResolutionCache {

    private record Entry(UUID agentId, ResolvedAgentConfig config) {
    }

    private final Cache<String, Entry> entries;
    private long evictions;

    public ResolutionCache(VariantConfig config) {
        this.entries = Caffeine.newBuilder()
                .expireAfterWrite(config.resolution().cacheTtl())
                .maximumSize(config.resolution().cacheMaxEntries())
                .build();
    }

    public static String byId(UUID agentId) {
        return "id:" + agentId;
    }

    public static String bySlug(String slug) {
        return "slug:" + slug;
    }

    /** The cached config under {@code key}, or the loader's answer, cached unless an eviction raced it. */
    public Uni<ResolvedAgentConfig> get(String key, Supplier<Uni<ResolvedAgentConfig>> loader) {
        Entry hit = entries.getIfPresent(key);
        if (hit != null) {
            return Uni.createFrom().item(hit.config());
        }
        long generation = generation();
        return loader.get().invoke(config -> store(key, config, generation));
    }

    public synchronized void evict(UUID agentId) {
        evictions++;
        entries.asMap().values().removeIf(entry -> entry.agentId().equals(agentId));
    }

    private synchronized long generation() {
        return evictions;
    }

    private synchronized void store(String key, ResolvedAgentConfig config, long generation) {
        if (generation == evictions) {
            entries.put(key, new Entry(config.agentId(), config));
        }
    }
}
