package dev.flywheel.deploy.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The environment a container starts with, as far as the manifests decide it: literal values, values from
 * ConfigMaps pulled in with envFrom, and which Secret key feeds each secret variable.
 */
final class ContainerEnvironment {

    private final Map<String, String> literals = new LinkedHashMap<>();
    private final Map<String, SecretKeySelector> fromSecrets = new LinkedHashMap<>();

    ContainerEnvironment(RenderedOverlay overlay, Container container) {
        // envFrom first: Kubernetes lets an explicit env entry override a key of the same name.
        for (EnvFromSource source : container.getEnvFrom()) {
            if (source.getConfigMapRef() != null) {
                overlay.find(ConfigMap.class, source.getConfigMapRef().getName())
                        .ifPresent(map -> literals.putAll(map.getData()));
            }
        }
        for (EnvVar variable : container.getEnv()) {
            if (variable.getValue() != null) {
                literals.put(variable.getName(), variable.getValue());
            } else if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
                fromSecrets.put(variable.getName(), variable.getValueFrom().getSecretKeyRef());
            }
        }
    }

    Optional<String> literal(String name) {
        return Optional.ofNullable(literals.get(name));
    }

    Map<String, String> literals() {
        return literals;
    }

    Optional<SecretKeySelector> secret(String name) {
        return Optional.ofNullable(fromSecrets.get(name));
    }

    boolean defines(String name) {
        return literals.containsKey(name) || fromSecrets.containsKey(name);
    }
}
