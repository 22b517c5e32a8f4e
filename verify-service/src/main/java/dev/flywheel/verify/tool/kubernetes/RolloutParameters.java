package dev.flywheel.verify.tool.kubernetes;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** Parameters of {@code k8s_watch_rollout}: which deployment. */
public record RolloutParameters(
        @NotBlank @Pattern(regexp = KubernetesNames.DNS_LABEL, message = "must be a Kubernetes namespace name") String namespace,
        @NotBlank @Pattern(regexp = KubernetesNames.DNS_SUBDOMAIN, message = "must be a Kubernetes deployment name") String deployment) {
}
