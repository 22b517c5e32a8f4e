package dev.flywheel.verify.tool.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.verify.tool.Tool;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;

/** {@code k8s_watch_rollout}: whether a deployment's rollout has finished, as {@link RolloutStatus}. */
@ApplicationScoped
public class RolloutStatusTool implements Tool<RolloutParameters> {

    public static final String NAME = "k8s_watch_rollout";

    private final KubernetesBackend kubernetes;
    private final ObjectMapper mapper;

    public RolloutStatusTool(KubernetesBackend kubernetes, ObjectMapper mapper) {
        this.kubernetes = kubernetes;
        this.mapper = mapper;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Rollout status of a deployment, as kubectl rollout status reports it";
    }

    @Override
    public String backend() {
        return "kubernetes";
    }

    @Override
    public Class<RolloutParameters> parametersType() {
        return RolloutParameters.class;
    }

    @Override
    public boolean configured() {
        return kubernetes.configured();
    }

    @Override
    public Optional<RolloutParameters> suggest(String alertname, Map<String, String> labels) {
        String namespace = labels.get("namespace");
        String deployment = labels.get("deployment");
        if (namespace == null || namespace.isBlank() || deployment == null || deployment.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new RolloutParameters(namespace, deployment));
    }

    @Override
    public Uni<JsonNode> run(RolloutParameters parameters) {
        return kubernetes.read(client -> {
            Deployment deployment = client.apps().deployments().inNamespace(parameters.namespace())
                    .withName(parameters.deployment()).get();
            if (deployment == null) {
                throw new IllegalStateException(
                        "deployment " + parameters.namespace() + "/" + parameters.deployment() + " not found");
            }
            return mapper.valueToTree(RolloutStatus.of(deployment));
        });
    }
}
