package dev.flywheel.verify.tool.kubernetes;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * Parameters of {@code kubectl_get}: the namespace, and at most one way to pick pods — by name, by the
 * selector of a deployment, or by an equality label selector; none lists the namespace's pods.
 */
public record KubectlGetParameters(
        @NotBlank @Pattern(regexp = KubernetesNames.DNS_LABEL, message = "must be a Kubernetes namespace name") String namespace,
        @Pattern(regexp = KubernetesNames.DNS_SUBDOMAIN, message = "must be a Kubernetes pod name") String name,
        @Pattern(regexp = KubernetesNames.DNS_SUBDOMAIN, message = "must be a Kubernetes deployment name") String deployment,
        @Pattern(regexp = KubernetesNames.LABEL_SELECTOR, message = "must be key=value pairs separated by commas") String labelSelector) {
}
