package dev.flywheel.gateway.routing;

import dev.flywheel.gateway.GatewayConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Asks every replica of each service given several URLs for its readiness, so that round-robin only sends
 * requests to ready ones (SPEC §10). A service with one URL is left alone: there is nowhere else to send its
 * requests, and its 502 says what is wrong.
 */
@Singleton
public class ReplicaReadiness {

    private static final Logger LOG = Logger.getLogger(ReplicaReadiness.class);
    static final String READY_PATH = "/q/health/ready";

    private final RouteTable routes;
    private final GatewayConfig.Client settings;
    private WebClient client;
    private long timer = -1;

    public ReplicaReadiness(RouteTable routes, GatewayConfig config) {
        this.routes = routes;
        this.settings = config.client();
    }

    void start(@Observes StartupEvent event, Vertx vertx) {
        List<Upstream> balanced = routes.upstreams().stream().filter(u -> u.replicas().size() > 1).toList();
        if (balanced.isEmpty()) {
            return;
        }
        client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true)
                .setConnectTimeout((int) settings.connectTimeout().toMillis()));
        timer = vertx.setPeriodic(1, settings.replicaCheckInterval().toMillis(), id -> balanced.forEach(this::check));
    }

    void stop(@Observes ShutdownEvent event, Vertx vertx) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            client.close();
        }
    }

    private void check(Upstream upstream) {
        for (Replica replica : upstream.replicas()) {
            client.get(replica.port(), replica.host(), READY_PATH).ssl(replica.ssl())
                    .timeout(settings.statusTimeout().toMillis())
                    .send()
                    .onComplete(answer -> {
                        boolean ready = answer.succeeded() && answer.result().statusCode() == 200;
                        if (replica.available(System.nanoTime()) != ready) {
                            LOG.infof("%s replica %s is %s", upstream.name(), replica, ready ? "ready" : "not ready");
                        }
                        replica.readiness(ready);
                    });
        }
    }
}
