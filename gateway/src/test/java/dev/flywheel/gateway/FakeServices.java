package dev.flywheel.gateway;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Four WireMock servers standing in for the services behind the gateway. Tests stub them through WireMock's
 * admin API on the ports found in the gateway's {@code gateway.upstreams.*} settings.
 */
public class FakeServices implements QuarkusTestResourceLifecycleManager {

    static final List<String> SERVICES = List.of("variant", "run", "verify", "selftest");
    private final List<WireMockServer> servers = new ArrayList<>();

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        for (String service : SERVICES) {
            WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort()
                    .bindAddress("127.0.0.1"));
            server.start();
            servers.add(server);
            config.put("gateway.upstreams." + service, "http://127.0.0.1:" + server.port());
        }
        return config;
    }

    @Override
    public void stop() {
        servers.forEach(WireMockServer::stop);
    }
}
