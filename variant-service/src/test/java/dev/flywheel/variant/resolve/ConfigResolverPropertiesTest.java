package dev.flywheel.variant.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.variant.config.AgentConfig;
import dev.flywheel.variant.resolve.ConfigResolver.ActiveVariant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Seed 001, Property 3 (config resolution prefers the active variant). */
class ConfigResolverPropertiesTest {

    @Provide
    Arbitrary<AgentConfig> configs() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(20);
        return Combinators.combine(Arbitraries.of("ollama", "openai", "echo"), text, text,
                Arbitraries.doubles().between(0, 2), Arbitraries.integers().between(1, 100_000),
                Arbitraries.integers().between(1, 600), Arbitraries.integers().between(0, 10))
                .as((provider, model, prompt, temperature, maxTokens, timeout, retries) -> new AgentConfig(provider,
                        model, prompt, prompt, "v1", temperature, maxTokens, 0, 0, 0, timeout, retries));
    }

    // seed: test_active_variant_config_is_returned
    @Property
    void theActiveVariantsConfigIsResolvedAmongAnyNumberOfVariants(@ForAll("configs") AgentConfig base,
            @ForAll("variantLists") List<AgentConfig> variants, @ForAll @IntRange(min = 0, max = 4) int activeIndex) {
        int index = activeIndex % variants.size();
        UUID agentId = UUID.randomUUID();
        UUID variantId = UUID.randomUUID();
        ResolvedAgentConfig resolved = ConfigResolver.resolve(agentId, base,
                Optional.of(new ActiveVariant(variantId, variants.get(index))));
        assertThat(resolved.agentId()).isEqualTo(agentId);
        assertThat(resolved.variantId()).isEqualTo(variantId);
        assertThat(resolved.config()).isEqualTo(variants.get(index));
    }

    // seed: test_no_active_variant_returns_agent_config
    @Property
    void withoutAnActiveVariantTheBaseConfigIsResolved(@ForAll("configs") AgentConfig base) {
        UUID agentId = UUID.randomUUID();
        ResolvedAgentConfig resolved = ConfigResolver.resolve(agentId, base, Optional.empty());
        assertThat(resolved.variantId()).isNull();
        assertThat(resolved.config()).isEqualTo(base);
        assertThat(resolved.agentId()).isEqualTo(agentId);
    }

    // seed: test_resolution_source_matches_active_state
    @Property
    void theSourceOfTheResolvedConfigFollowsWhetherAVariantIsActive(@ForAll("configs") AgentConfig base,
            @ForAll("configs") AgentConfig variant, @ForAll boolean hasActive) {
        Optional<ActiveVariant> active = hasActive ? Optional.of(new ActiveVariant(UUID.randomUUID(), variant))
                : Optional.empty();
        ResolvedAgentConfig resolved = ConfigResolver.resolve(UUID.randomUUID(), base, active);
        assertThat(resolved.config()).isEqualTo(hasActive ? variant : base);
        assertThat(resolved.variantId() != null).isEqualTo(hasActive);
    }

    @Provide
    Arbitrary<List<AgentConfig>> variantLists() {
        return configs().list().ofMinSize(1).ofMaxSize(5);
    }
}
