package dev.flywheel.run.adapter;

import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/** The one pooled, keep-alive HTTP client the provider adapters share. */
@ApplicationScoped
public class ProviderClients {

    private final WebClient client;

    public ProviderClients(Vertx vertx) {
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout(5_000)
                .setKeepAlive(true)
                .setMaxPoolSize(64)
                .setUserAgent("flywheel-run-service"));
    }

    public WebClient client() {
        return client;
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
