package dev.flywheel.verify.tool.kubernetes;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;

/**
 * A deployment's rollout status, decided the way {@code kubectl rollout status} decides it, with the
 * same messages (so "successfully rolled out" means what operators know it to mean).
 */
public record RolloutStatus(String namespace, String deployment, boolean success, String status, int replicas,
        int updatedReplicas, int readyReplicas, int availableReplicas) {

    static RolloutStatus of(Deployment deployment) {
        String name = deployment.getMetadata().getName();
        DeploymentStatus status = deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
        int desired = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        int updated = orZero(status.getUpdatedReplicas());
        int current = orZero(status.getReplicas());
        int ready = orZero(status.getReadyReplicas());
        int available = orZero(status.getAvailableReplicas());
        long generation = deployment.getMetadata().getGeneration() == null ? 0 : deployment.getMetadata().getGeneration();
        long observed = status.getObservedGeneration() == null ? 0 : status.getObservedGeneration();
        String message;
        boolean done = false;
        if (observed < generation) {
            message = "Waiting for deployment spec update to be observed...";
        } else if (progressDeadlineExceeded(status)) {
            message = "deployment \"" + name + "\" exceeded its progress deadline";
        } else if (updated < desired) {
            message = "Waiting for deployment \"" + name + "\" rollout to finish: " + updated + " out of " + desired
                    + " new replicas have been updated...";
        } else if (current > updated) {
            message = "Waiting for deployment \"" + name + "\" rollout to finish: " + (current - updated)
                    + " old replicas are pending termination...";
        } else if (available < updated) {
            message = "Waiting for deployment \"" + name + "\" rollout to finish: " + available + " of " + updated
                    + " updated replicas are available...";
        } else {
            message = "deployment \"" + name + "\" successfully rolled out";
            done = true;
        }
        return new RolloutStatus(deployment.getMetadata().getNamespace(), name, done, message, desired, updated, ready,
                available);
    }

    private static boolean progressDeadlineExceeded(DeploymentStatus status) {
        return status.getConditions() != null && status.getConditions().stream()
                .filter(condition -> "Progressing".equals(condition.getType()))
                .map(DeploymentCondition::getReason)
                .anyMatch("ProgressDeadlineExceeded"::equals);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
