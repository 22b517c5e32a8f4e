package dev.flywheel.verify.tool;

import dev.flywheel.verify.VerifyConfig;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one non-blocking HTTP client the HTTP-based tools share (health endpoints, Prometheus). */
public class OutboundHttp {

    private static final int MAX_CONNECTIONS_PER_HOST = 50;

    @Produces
    @Singleton
    WebClient webClient(Vertx vertx, VerifyConfig config) {
        int timeoutMillis = (int) config.tools().callTimeout().toMillis();
        return WebClient.create(vertx, new WebClientOptions()
                .setUserAgent("flywheel-verify-service")
                .setConnectTimeout(timeoutMillis)
                .setMaxPoolSize(MAX_CONNECTIONS_PER_HOST)
                .setFollowRedirects(false));
    }

    void close(@Disposes WebClient client) {
        client.close();
    }
}
