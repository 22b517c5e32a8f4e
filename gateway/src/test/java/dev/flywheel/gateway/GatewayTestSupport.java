package dev.flywheel.gateway;

import com.github.tomakehurst.wiremock.client.WireMock;
import java.net.URI;
import org.eclipse.microprofile.config.ConfigProvider;

/** Keys and fake-service clients shared by the gateway tests. */
public final class GatewayTestSupport {

    public static final String WRITE_KEY = "Bearer test-write-key";
    public static final String READ_KEY = "Bearer test-read-key";

    private GatewayTestSupport() {
    }

    /** A WireMock admin client for the fake behind {@code gateway.upstreams.<service>}. */
    public static WireMock fake(String service) {
        URI uri = URI.create(ConfigProvider.getConfig().getValue("gateway.upstreams." + service, String.class));
        return new WireMock(uri.getHost(), uri.getPort());
    }
}
