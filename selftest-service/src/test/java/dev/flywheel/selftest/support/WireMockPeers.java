package dev.flywheel.selftest.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * One WireMock server standing in for run-service and verify-service. Global, so every test class shares
 * one application start; peer timeouts are short so that timeout tests stay quick.
 */
public class WireMockPeers implements QuarkusTestResourceLifecycleManager {

    /** Timeout the tests' peer calls get; a stub delayed past it is a timeout. */
    public static final int READ_TIMEOUT_MS = 1500;

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        return Map.of(
                "quarkus.rest-client.run-service.url", server.baseUrl(),
                "quarkus.rest-client.verify-service.url", server.baseUrl(),
                "peers.run-service.timeout", READ_TIMEOUT_MS + "ms",
                "peers.verify-service.timeout", READ_TIMEOUT_MS + "ms",
                "loop-qa.multistep-planning.run-timeout", "3s",
                "loop-qa.multistep-planning.poll-interval", "100ms",
                "peers.run-service.backoff", "50ms",
                "peers.verify-service.backoff", "50ms");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectWireMock.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
