package dev.flywheel.verify.tool.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;

/**
 * Whether a Kubernetes API is there to read, and the way to read it: SPEC §9 says the Kubernetes tools
 * exist only when {@code quarkus.kubernetes-client.api-server-url} is set or the service runs in a
 * cluster. That key belongs to the Quarkus extension (which fixes it at build time), so it is read from
 * the config directly rather than copied into {@code VerifyConfig}; fabric8's own {@code kubernetes.master}
 * ({@code KUBERNETES_MASTER}), which the client honours at run time, counts too. The fabric8 client blocks, so reads run
 * on a worker thread.
 */
@ApplicationScoped
public class KubernetesBackend {

    static final String API_SERVER_URL = "quarkus.kubernetes-client.api-server-url";
    /** Set by the kubelet in every pod; fabric8 uses it to find the in-cluster API server. */
    static final String IN_CLUSTER_ENV = "KUBERNETES_SERVICE_HOST";
    /** fabric8's run-time override of the API server URL (system property or {@code KUBERNETES_MASTER}). */
    static final String FABRIC8_MASTER = "kubernetes.master";

    private final Instance<KubernetesClient> client;
    private final boolean configured;

    public KubernetesBackend(Instance<KubernetesClient> client, Config config) {
        this.client = client;
        this.configured = isSet(config, API_SERVER_URL) || isSet(config, FABRIC8_MASTER)
                || isSet(System.getenv(IN_CLUSTER_ENV));
    }

    private static boolean isSet(Config config, String key) {
        return config.getOptionalValue(key, String.class).filter(value -> !value.isBlank()).isPresent();
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    public boolean configured() {
        return configured;
    }

    public <T> Uni<T> read(Function<KubernetesClient, T> query) {
        return Uni.createFrom().item(() -> query.apply(client.get()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
