package dev.flywheel.deploy.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A Deployment or StatefulSet, seen as the pods it makes. */
record Workload(String kind, String name, PodTemplateSpec template) {

    PodSpec pod() {
        return template.getSpec();
    }

    Map<String, String> podLabels() {
        return template.getMetadata().getLabels();
    }

    /** Regular and init containers alike: each is a process that must run locked down. */
    List<Container> allContainers() {
        return Stream.concat(pod().getContainers().stream(), pod().getInitContainers().stream()).toList();
    }

    Container container(String containerName) {
        return pod().getContainers().stream()
                .filter(c -> c.getName().equals(containerName))
                .findFirst()
                .orElseThrow(() -> new AssertionError(kind + " " + name + " has no container " + containerName));
    }
}
