package dev.flywheel.e2e;

import java.util.Map;

/** Service settings the end-to-end run needs beyond infrastructure and peer URLs. */
final class SuiteSettings {

    private SuiteSettings() {
    }

    static Map<String, String> extra(Suite suite) {
        // The CLI test evaluates against an OpenAI-compatible provider: run-service reaches the fake in this JVM.
        return Map.of("RUN_PROVIDERS_OPENAI_BASE_URL", FakeOpenAi.get().baseUrl());
    }
}
