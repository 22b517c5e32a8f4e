package dev.flywheel.run.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * One WireMock server standing in for every outside HTTP system: the OpenAI-compatible server (under
 * /v1), Anthropic and variant-service. Tests reach it through {@code wiremock.port}; stubs match on a
 * marker unique to each test so that tests never see each other's traffic.
 */
public class WireMockPeers implements QuarkusTestResourceLifecycleManager {

    public static final String OPENAI_KEY = "sk-test-openai-secret-4711";
    public static final String ANTHROPIC_KEY = "sk-ant-test-secret-0815";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().containerThreads(20));
        server.start();
        String base = "http://localhost:" + server.port();
        return Map.of(
                "wiremock.port", String.valueOf(server.port()),
                "run.providers.openai.base-url", base + "/v1",
                "run.providers.openai.api-key", OPENAI_KEY,
                "run.providers.anthropic.base-url", base,
                "run.providers.anthropic.api-key", ANTHROPIC_KEY,
                "run.providers.backoff-initial", "50ms",
                "run.providers.backoff-max", "3s",
                "run.providers.request-timeout", "3s",
                "quarkus.rest-client.variant-service.url", base);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
