package dev.flywheel.verify.tool.kubernetes;

/** Shapes of Kubernetes names, so parameters are checked before they reach the API server. */
final class KubernetesNames {

    /** A DNS-1123 label: namespaces. */
    static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";
    /** A DNS-1123 subdomain: pods, deployments. */
    static final String DNS_SUBDOMAIN = "[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?";
    /** Equality-based label selector: {@code key=value[,key=value…]}. */
    static final String LABEL_SELECTOR =
            "[A-Za-z0-9]([A-Za-z0-9._/-]{0,252})?=[A-Za-z0-9._-]{0,63}(,[A-Za-z0-9]([A-Za-z0-9._/-]{0,252})?=[A-Za-z0-9._-]{0,63}){0,19}";

    private KubernetesNames() {
    }
}
