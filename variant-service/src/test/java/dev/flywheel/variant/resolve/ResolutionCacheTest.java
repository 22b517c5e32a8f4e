package dev.flywheel.variant.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flywheel.variant.VariantConfig;
import dev.flywheel.variant.config.AgentConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ResolutionCacheTest {

    private final AtomicInteger loads = new AtomicInteger();

    @Test
    void aCachedConfigIsServedWithoutLoadingAgainUntilItsTtlPasses() {
        ResolutionCache cache = new ResolutionCache(settings(Duration.ofMillis(300)));
        UUID agentId = UUID.randomUUID();
        assertThat(get(cache, ResolutionCache.byId(agentId), agentId)).isNotNull();
        get(cache, ResolutionCache.byId(agentId), agentId);
        assertThat(loads.get()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ofMillis(350)).until(() -> {
            get(cache, ResolutionCache.byId(agentId), agentId);
            return loads.get() >= 2;
        });
    }

    @Test
    void evictingAnAgentDropsItsEntriesByIdAndBySlugAndNoOthers() {
        ResolutionCache cache = new ResolutionCache(settings(Duration.ofMinutes(5)));
        UUID agentId = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        get(cache, ResolutionCache.byId(agentId), agentId);
        get(cache, ResolutionCache.bySlug("the-agent"), agentId);
        get(cache, ResolutionCache.byId(other), other);
        assertThat(loads.get()).isEqualTo(3);

        cache.evict(agentId);
        get(cache, ResolutionCache.byId(agentId), agentId);
        get(cache, ResolutionCache.bySlug("the-agent"), agentId);
        get(cache, ResolutionCache.byId(other), other);
        assertThat(loads.get()).isEqualTo(5);
    }

    @Test
    void aLoadThatAnEvictionOvertookIsNotCached() {
        ResolutionCache cache = new ResolutionCache(settings(Duration.ofMinutes(5)));
        UUID agentId = UUID.randomUUID();
        AtomicReference<UniEmitter<? super ResolvedAgentConfig>> pending = new AtomicReference<>();
        AtomicReference<ResolvedAgentConfig> answered = new AtomicReference<>();
        cache.get(ResolutionCache.byId(agentId), () -> Uni.createFrom().<ResolvedAgentConfig>emitter(pending::set))
                .subscribe().with(answered::set);

        cache.evict(agentId);
        pending.get().complete(config(agentId, "read-before-the-change"));
        assertThat(answered.get().config().modelName()).isEqualTo("read-before-the-change");

        assertThat(get(cache, ResolutionCache.byId(agentId), agentId).config().modelName()).isEqualTo("fresh");
        assertThat(loads.get()).isEqualTo(1);
    }

    private ResolvedAgentConfig get(ResolutionCache cache, String key, UUID agentId) {
        return cache.get(key, () -> {
            loads.incrementAndGet();
            return Uni.createFrom().item(config(agentId, "fresh"));
        }).await().atMost(Duration.ofSeconds(5));
    }

    private static ResolvedAgentConfig config(UUID agentId, String modelName) {
        return new ResolvedAgentConfig(agentId, null, AgentConfig.defaults(modelName));
    }

    private static VariantConfig settings(Duration ttl) {
        VariantConfig.Resolution resolution = new VariantConfig.Resolution() {
            @Override
            public Duration cacheTtl() {
                return ttl;
            }

            @Override
            public long cacheMaxEntries() {
                return 1000;
            }

            @Override
            public Duration resubscribeDelay() {
                return Duration.ofSeconds(1);
            }
        };
        return new VariantConfig() {
            @Override
            public Resolution resolution() {
                return resolution;
            }

            @Override
            public Performance performance() {
                throw new UnsupportedOperationException("not used by the cache");
            }
        };
    }
}
