package dev.flywheel.deploy.k8s;

import java.util.Map;

/**
 * One end of a connection as NetworkPolicies see it: a pod (namespace, labels, named ports) or an address outside
 * the cluster.
 */
record Endpoint(String description, String namespace, Map<String, String> namespaceLabels, Map<String, String> podLabels,
        Map<String, Integer> namedPorts, String ip) {

    static Endpoint pod(String namespace, Map<String, String> podLabels, Map<String, Integer> namedPorts) {
        return new Endpoint(namespace + "/" + podLabels, namespace, Map.of("kubernetes.io/metadata.name", namespace),
                podLabels, namedPorts, null);
    }

    static Endpoint external(String ip) {
        return new Endpoint(ip, null, Map.of(), Map.of(), Map.of(), ip);
    }

    static Endpoint of(String namespace, Workload workload) {
        Map<String, Integer> ports = new java.util.HashMap<>();
        workload.pod().getContainers().forEach(container -> container.getPorts().stream()
                .filter(port -> port.getName() != null)
                .forEach(port -> ports.put(port.getName(), port.getContainerPort())));
        return new Endpoint(workload.name(), namespace, Map.of("kubernetes.io/metadata.name", namespace),
                workload.podLabels(), ports, null);
    }

    boolean isPod() {
        return ip == null;
    }

    @Override
    public String toString() {
        return description;
    }
}
