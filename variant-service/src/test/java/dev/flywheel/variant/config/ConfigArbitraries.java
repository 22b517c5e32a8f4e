package dev.flywheel.variant.config;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of valid configs and of patches over them, shared by the config property tests. */
final class ConfigArbitraries {

    private ConfigArbitraries() {
    }

    static Arbitrary<AgentConfig> configs() {
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(40);
        Arbitrary<String> name = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(30);
        return Combinators.combine(
                Combinators.combine(Arbitraries.of("ollama", "openai", "anthropic", "echo"), name, text, text, text)
                        .as(Strings::new),
                Combinators.combine(temperatures(), Arbitraries.integers().between(1, 100_000),
                        Arbitraries.integers().between(0, 200_000), Arbitraries.integers().between(0, 200_000),
                        Arbitraries.integers().between(0, 1_000_000), Arbitraries.integers().between(1, 600),
                        Arbitraries.integers().between(0, 10)).as(Numbers::new))
                .as((s, n) -> new AgentConfig(s.provider, s.model, s.system, s.template, s.version, n.temperature,
                        n.maxTokens, n.contextWindow, n.inputTokenLimit, n.tokenBudget, n.timeoutSeconds, n.maxRetries));
    }

    /** Any subset of the twelve fields, each absent as null. */
    static Arbitrary<ConfigPatch> patches() {
        return configs().flatMap(values -> Arbitraries.integers().between(0, (1 << 12) - 1).map(mask -> new ConfigPatch(
                pick(mask, 0, values.modelProvider()), pick(mask, 1, values.modelName()),
                pick(mask, 2, values.systemPrompt()), pick(mask, 3, values.userPromptTemplate()),
                pick(mask, 4, values.promptVersion()), pick(mask, 5, values.temperature()),
                pick(mask, 6, values.maxTokens()), pick(mask, 7, values.contextWindow()),
                pick(mask, 8, values.inputTokenLimit()), pick(mask, 9, values.tokenBudget()),
                pick(mask, 10, values.timeoutSeconds()), pick(mask, 11, values.maxRetries()))));
    }

    private static Arbitrary<Double> temperatures() {
        return Arbitraries.doubles().between(0.0, 2.0);
    }

    private static <T> T pick(int mask, int bit, T value) {
        return (mask & (1 << bit)) != 0 ? value : null;
    }

    private record Strings(String provider, String model, String system, String template, String version) {
    }

    private record Numbers(Double temperature, Integer maxTokens, Integer contextWindow, Integer inputTokenLimit,
            Integer tokenBudget, Integer timeoutSeconds, Integer maxRetries) {
    }
}
