package dev.flywheel.verify.backends;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Arrays;
import java.util.Map;

/** Pods and deployments in the Kubernetes mock server, in the states a remediation can leave behind. */
public final class Cluster {

    private final KubernetesClient client;

    public Cluster(KubernetesClient client) {
        this.client = client;
    }

    public void pod(String namespace, String name, Map<String, String> labels, String phase, ContainerStatus... containers) {
        PodBuilder pod = new PodBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).withLabels(labels).endMetadata()
                .withNewSpec().endSpec()
                .withNewStatus().withPhase(phase).withContainerStatuses(containers).endStatus();
        Arrays.stream(containers).forEach(c -> pod.editSpec().addNewContainer().withName(c.getName()).withImage("img")
                .endContainer().endSpec());
        Pod built = pod.build();
        client.pods().inNamespace(namespace).resource(built).create();
    }

    public static ContainerStatus running(String name) {
        return new ContainerStatusBuilder().withName(name).withReady(true).withRestartCount(0)
                .withNewState().withNewRunning().endRunning().endState().build();
    }

    public static ContainerStatus crashLooping(String name, int restarts) {
        return new ContainerStatusBuilder().withName(name).withReady(false).withRestartCount(restarts)
                .withNewState().withNewWaiting().withReason("CrashLoopBackOff")
                .withMessage("back-off 5m0s restarting failed container").endWaiting().endState()
                .withNewLastState().withNewTerminated().withReason("Error").withExitCode(1).endTerminated().endLastState()
                .build();
    }

    public static ContainerStatus oomKilled(String name) {
        return new ContainerStatusBuilder().withName(name).withReady(false).withRestartCount(3)
                .withNewState().withNewTerminated().withReason("OOMKilled").withExitCode(137).endTerminated().endState()
                .build();
    }

    /** A deployment of {@code replicas} whose status says how far its rollout got. */
    public void deployment(String namespace, String name, int replicas, int updated, int available) {
        Deployment deployment = new DeploymentBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).withGeneration(2L).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().withMatchLabels(Map.of("app", name)).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", name)).endMetadata()
                .withNewSpec().addNewContainer().withName(name).withImage("img").endContainer().endSpec().endTemplate()
                .endSpec()
                .withNewStatus().withObservedGeneration(2L).withReplicas(replicas).withUpdatedReplicas(updated)
                .withReadyReplicas(available).withAvailableReplicas(available).endStatus()
                .build();
        client.apps().deployments().inNamespace(namespace).resource(deployment).create();
    }
}
