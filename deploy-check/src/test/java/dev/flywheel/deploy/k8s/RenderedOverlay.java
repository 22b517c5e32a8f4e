package dev.flywheel.deploy.k8s;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.flywheel.deploy.Repo;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/** One overlay of k8s/, rendered by kubectl and parsed strictly: the objects a cluster would receive. */
record RenderedOverlay(String name, List<HasMetadata> objects) {

    private static final Map<String, RenderedOverlay> RENDERED = new ConcurrentHashMap<>();
    private static final AtomicBoolean SKIP_ANNOUNCED = new AtomicBoolean();
    private static final String NO_KUBECTL = "kubectl is not installed (Debian: apt-get install kubernetes-client), or "
            + Kubectl.BINARY_VARIABLE + " names no executable: the k8s/ overlays are NOT checked";

    /** Renders once per test run; skips the calling test, saying why, when no kubectl is installed. */
    static RenderedOverlay of(String overlay) {
        Optional<Path> kubectl = Kubectl.binary();
        if (kubectl.isEmpty() && !SKIP_ANNOUNCED.getAndSet(true)) {
            // Surefire keeps assumption messages in its reports only; a skipped overlay check must show on the console.
            System.err.println("WARNING " + NO_KUBECTL);
        }
        assumeTrue(kubectl.isPresent(), NO_KUBECTL);
        return RENDERED.computeIfAbsent(overlay, name -> new RenderedOverlay(name,
                StrictManifests.parse(Kubectl.kustomize(kubectl.get(), overlayDirectory(name)))));
    }

    static Path overlayDirectory(String overlay) {
        return Repo.file("k8s/overlays/" + overlay);
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String objectName) {
        return all(type).stream().filter(o -> o.getMetadata().getName().equals(objectName)).findFirst();
    }

    <T extends HasMetadata> T one(Class<T> type, String objectName) {
        return find(type, objectName).orElseThrow(() -> new AssertionError(
                "overlay " + name + " has no " + type.getSimpleName() + " " + objectName));
    }

    List<Workload> workloads() {
        return Stream.concat(
                all(Deployment.class).stream().map(d -> new Workload("Deployment", d.getMetadata().getName(), d.getSpec().getTemplate())),
                all(StatefulSet.class).stream().map(s -> new Workload("StatefulSet", s.getMetadata().getName(), s.getSpec().getTemplate())))
                .toList();
    }

    Workload workload(String workloadName) {
        return workloads().stream().filter(w -> w.name().equals(workloadName)).findFirst()
                .orElseThrow(() -> new AssertionError("overlay " + name + " has no workload " + workloadName));
    }
}
