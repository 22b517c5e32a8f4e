package dev.flywheel.verify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Health endpoints for {@code http_health} to read, served by WireMock. The URLs travel in incident
 * labels or tool parameters, not in configuration, so one server per test class needs no Quarkus restart:
 * {@code @RegisterExtension static final HealthEndpoints HEALTH = new HealthEndpoints();} serves them for the class.
 */
public final class HealthEndpoints implements BeforeAllCallback, AfterAllCallback {

    private final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());

    @Override
    public void beforeAll(ExtensionContext context) {
        server.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.stop();
    }

    /** A fresh endpoint answering {@code status} with {@code body}. */
    public String serving(int status, String body) {
        String path = "/health/" + UUID.randomUUID();
        server.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
        return server.baseUrl() + path;
    }

    public String serving(String body) {
        return serving(200, body);
    }

    /** A fresh endpoint that redirects (302) to {@code location}, absolute or relative. */
    public String redirecting(String location) {
        return redirectingAt("/redirect/" + UUID.randomUUID(), location);
    }

    /** Makes {@code path} redirect (302) to {@code location}; answers its URL. */
    public String redirectingAt(String path, String location) {
        server.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(302).withHeader("Location", location)));
        return server.baseUrl() + path;
    }

    /** The port the endpoints are served on (on every interface). */
    public int port() {
        return server.port();
    }

    /** A fresh endpoint that answers only after {@code delayMillis}. */
    public String slow(int delayMillis) {
        String path = "/health/" + UUID.randomUUID();
        server.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200).withFixedDelay(delayMillis)
                .withHeader("Content-Type", "application/json").withBody("{\"status\":\"UP\"}")));
        return server.baseUrl() + path;
    }

    public int callsTo(String url) {
        return server.countRequestsMatching(getRequestedFor(urlPathEqualTo(URI.create(url).getPath())).build()).getCount();
    }

    /** A URL on which nothing listens: connecting is refused. */
    public static String refusing() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/q/health/ready";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
