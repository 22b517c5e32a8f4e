package dev.flywheel.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Nothing a pod or the Ingress needs is missing when the overlay is applied (or, in prod, once the operator's Secrets exist). */
class OverlayReferencesTest {

    @EveryOverlay
    void everySecretAndConfigMapThatIsNeededExistsWithTheKeyNeeded(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        Map<String, List<String>> providedByOperator = RequiredSecrets.of(overlay);

        for (SecretReference reference : References.of(rendered)) {
            if (reference.optional()) {
                continue;
            }
            Optional<Set<String>> keys = availableKeys(rendered, providedByOperator, reference);
            assertThat(keys).as(reference.neededBy() + " needs " + reference.kind() + " " + reference.name()).isPresent();
            reference.key().ifPresent(key -> assertThat(keys.get())
                    .as(reference.neededBy() + " needs key " + key + " of " + reference.kind() + " " + reference.name())
                    .contains(key));
        }
    }

    @EveryOverlay
    void everySecretTheOperatorMustCreateIsReallyNeeded(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        List<SecretReference> references = References.of(rendered);

        RequiredSecrets.of(overlay).forEach((name, keys) -> {
            assertThat(rendered.find(Secret.class, name)).as(name + " is generated already, the operator need not create it").isEmpty();
            List<SecretReference> uses = references.stream().filter(r -> r.kind().equals("Secret") && r.name().equals(name)).toList();
            assertThat(uses).as("required-secrets.txt lists " + name + ", which nothing uses").isNotEmpty();
            for (String key : keys) {
                assertThat(uses).as("required-secrets.txt lists key " + key + " of " + name + ", which nothing reads")
                        .anySatisfy(use -> assertThat(use.key()).contains(key));
            }
        });
    }

    @EveryOverlay
    void everyObjectLandsInTheFlywheelNamespace(String overlay) {
        // References by name resolve only within a namespace: a generated Secret elsewhere is a missing Secret.
        for (HasMetadata object : RenderedOverlay.of(overlay).objects()) {
            if (object instanceof Namespace namespace) {
                assertThat(namespace.getMetadata().getName()).isEqualTo("flywheel");
            } else {
                assertThat(object.getMetadata().getNamespace()).as(object.getKind() + " " + object.getMetadata().getName())
                        .isEqualTo("flywheel");
            }
        }
    }

    @EveryOverlay
    void everyServiceAccountAPodRunsAsExists(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        for (Workload workload : rendered.workloads()) {
            String account = workload.pod().getServiceAccountName();
            if (account != null) {
                assertThat(rendered.find(ServiceAccount.class, account)).as(workload.name() + " runs as " + account).isPresent();
            }
        }
    }

    /** Keys of the object as rendered, or as the operator promises to create it; empty when nobody provides it. */
    private static Optional<Set<String>> availableKeys(RenderedOverlay rendered, Map<String, List<String>> providedByOperator,
            SecretReference reference) {
        if (reference.kind().equals("ConfigMap")) {
            return rendered.find(ConfigMap.class, reference.name())
                    .map(map -> union(map.getData().keySet(), map.getBinaryData().keySet()));
        }
        Optional<Set<String>> generated = rendered.find(Secret.class, reference.name())
                .map(secret -> union(secret.getData().keySet(), secret.getStringData().keySet()));
        return generated.or(() -> Optional.ofNullable(providedByOperator.get(reference.name())).map(Set::copyOf));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
