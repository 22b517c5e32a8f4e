package dev.flywheel.deploy.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import java.util.ArrayList;
import java.util.List;

/** Every Secret and ConfigMap the rendered objects need, wherever Kubernetes lets a manifest name one. */
final class References {

    private References() {
    }

    static List<SecretReference> of(RenderedOverlay overlay) {
        List<SecretReference> references = new ArrayList<>();
        for (Workload workload : overlay.workloads()) {
            for (Container container : workload.allContainers()) {
                String who = workload.name() + "/" + container.getName();
                for (EnvVar variable : container.getEnv()) {
                    var source = variable.getValueFrom();
                    if (source != null && source.getSecretKeyRef() != null) {
                        var ref = source.getSecretKeyRef();
                        references.add(SecretReference.secret(ref.getName(), ref.getKey(), ref.getOptional(), who + " " + variable.getName()));
                    }
                    if (source != null && source.getConfigMapKeyRef() != null) {
                        var ref = source.getConfigMapKeyRef();
                        references.add(SecretReference.configMap(ref.getName(), ref.getKey(), ref.getOptional(), who + " " + variable.getName()));
                    }
                }
                for (EnvFromSource source : container.getEnvFrom()) {
                    if (source.getSecretRef() != null) {
                        references.add(SecretReference.secret(source.getSecretRef().getName(), null, source.getSecretRef().getOptional(), who + " envFrom"));
                    }
                    if (source.getConfigMapRef() != null) {
                        references.add(SecretReference.configMap(source.getConfigMapRef().getName(), null, source.getConfigMapRef().getOptional(), who + " envFrom"));
                    }
                }
            }
            for (Volume volume : workload.pod().getVolumes()) {
                String who = workload.name() + " volume " + volume.getName();
                if (volume.getSecret() != null) {
                    var secret = volume.getSecret();
                    addVolume(references, "Secret", secret.getSecretName(), secret.getItems(), secret.getOptional(), who);
                }
                if (volume.getConfigMap() != null) {
                    var map = volume.getConfigMap();
                    addVolume(references, "ConfigMap", map.getName(), map.getItems(), map.getOptional(), who);
                }
            }
        }
        for (Ingress ingress : overlay.all(Ingress.class)) {
            for (IngressTLS tls : ingress.getSpec().getTls()) {
                references.add(SecretReference.secret(tls.getSecretName(), null, false, "Ingress " + ingress.getMetadata().getName() + " TLS"));
            }
        }
        return references;
    }

    private static void addVolume(List<SecretReference> references, String kind, String name, List<KeyToPath> items,
            Boolean optional, String who) {
        if (items.isEmpty()) {
            references.add(new SecretReference(kind, name, java.util.Optional.empty(), Boolean.TRUE.equals(optional), who));
        }
        for (KeyToPath item : items) {
            references.add(new SecretReference(kind, name, java.util.Optional.of(item.getKey()), Boolean.TRUE.equals(optional), who));
        }
    }
}
