package dev.flywheel.verify.tool.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.verify.tool.Tool;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code kubectl_get}: the pods of a namespace, by name, deployment or labels, as {@link PodSummary}s. */
@ApplicationScoped
public class KubectlGetTool implements Tool<KubectlGetParameters> {

    public static final String NAME = "kubectl_get";
    /** More pods than this are cut off: the evidence is about one workload, not a namespace inventory. */
    static final int MAX_PODS = 50;

    private final KubernetesBackend kubernetes;
    private final ObjectMapper mapper;

    public KubectlGetTool(KubernetesBackend kubernetes, ObjectMapper mapper) {
        this.kubernetes = kubernetes;
        this.mapper = mapper;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "List pods (by namespace and name, deployment or labels): phase, ready n/m, restarts, reasons";
    }

    @Override
    public String backend() {
        return "kubernetes";
    }

    @Override
    public Class<KubectlGetParameters> parametersType() {
        return KubectlGetParameters.class;
    }

    @Override
    public boolean configured() {
        return kubernetes.configured();
    }

    @Override
    public Optional<KubectlGetParameters> suggest(String alertname, Map<String, String> labels) {
        String namespace = labels.get("namespace");
        if (namespace == null || namespace.isBlank()) {
            return Optional.empty();
        }
        if (labels.get("pod") != null) {
            return Optional.of(new KubectlGetParameters(namespace, labels.get("pod"), null, null));
        }
        if (labels.get("deployment") != null) {
            return Optional.of(new KubectlGetParameters(namespace, null, labels.get("deployment"), null));
        }
        return Optional.empty();
    }

    @Override
    public Uni<JsonNode> run(KubectlGetParameters parameters) {
        return kubernetes.read(client -> pods(client, parameters)).map(pods -> {
            ObjectNode output = mapper.createObjectNode();
            output.put("namespace", parameters.namespace());
            output.put("count", pods.size());
            output.set("pods", mapper.valueToTree(pods.stream().limit(MAX_PODS).map(PodSummary::of).toList()));
            return output;
        });
    }

    private static List<Pod> pods(KubernetesClient client, KubectlGetParameters parameters) {
        var inNamespace = client.pods().inNamespace(parameters.namespace());
        if (parameters.name() != null) {
            Pod pod = inNamespace.withName(parameters.name()).get();
            if (pod == null) {
                throw new IllegalStateException("pod " + parameters.namespace() + "/" + parameters.name() + " not found");
            }
            return List.of(pod);
        }
        if (parameters.deployment() != null) {
            Deployment deployment = client.apps().deployments().inNamespace(parameters.namespace())
                    .withName(parameters.deployment()).get();
            if (deployment == null) {
                throw new IllegalStateException(
                        "deployment " + parameters.namespace() + "/" + parameters.deployment() + " not found");
            }
            return inNamespace.withLabelSelector(deployment.getSpec().getSelector()).list().getItems();
        }
        if (parameters.labelSelector() != null) {
            return inNamespace.withLabels(parseSelector(parameters.labelSelector())).list().getItems();
        }
        return inNamespace.list().getItems();
    }

    private static Map<String, String> parseSelector(String selector) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String pair : selector.split(",")) {
            int equals = pair.indexOf('=');
            labels.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return labels;
    }
}
