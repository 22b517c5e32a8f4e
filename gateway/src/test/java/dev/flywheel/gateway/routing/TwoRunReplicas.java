package dev.flywheel.gateway.routing;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;

/** run-service as two WireMock replicas behind {@code gateway.upstreams.run=a,b}; either can be stopped and started. */
public class TwoRunReplicas implements QuarkusTestResourceLifecycleManager {

    static WireMockServer a;
    static WireMockServer b;
    private static int bPort;

    @Override
    public Map<String, String> start() {
        a = started(0);
        b = started(0);
        bPort = b.port();
        return Map.of("gateway.upstreams.run", "http://127.0.0.1:" + a.port() + ", http://127.0.0.1:" + b.port(),
                "gateway.client.replica-check-interval", "200ms",
                "gateway.client.replica-back-off", "1s");
    }

    @Override
    public void stop() {
        List.of(a, b).forEach(WireMockServer::stop);
    }

    /** Starts B again on its port after a test stopped it; its stubs are the test's to set again. */
    static void restartB() {
        b = started(bPort);
    }

    static boolean running(WireMockServer server) {
        return server.isRunning();
    }

    private static WireMockServer started(int port) {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options()
                .port(port).bindAddress("127.0.0.1"));
        server.start();
        return server;
    }
}
