package dev.flywheel.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** verify-service reads pods and deployments, and can do nothing else with the Kubernetes API (SPEC §6, §9). */
class VerifyServiceRbacTest {

    @EveryOverlay
    void verifyServiceMayOnlyGetListAndWatchPodsAndDeployments(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);

        assertThat(rendered.all(Role.class)).extracting(r -> r.getMetadata().getName()).containsExactly("verify-service-reader");
        Set<String> grants = rendered.one(Role.class, "verify-service-reader").getRules().stream()
                .flatMap(VerifyServiceRbacTest::grants)
                .collect(Collectors.toSet());
        assertThat(grants).containsExactlyInAnyOrder(
                "/pods get", "/pods list", "/pods watch",
                "apps/deployments get", "apps/deployments list", "apps/deployments watch");
        assertThat(rendered.one(Role.class, "verify-service-reader").getRules())
                .allSatisfy(rule -> assertThat(rule.getResourceNames()).as("rules name resource types, not objects").isEmpty());
    }

    @EveryOverlay
    void theRoleIsBoundToVerifyServicesAccountAloneAndNothingIsGrantedClusterWide(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);

        List<RoleBinding> bindings = rendered.all(RoleBinding.class);
        assertThat(bindings).hasSize(1);
        RoleBinding binding = bindings.get(0);
        assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
        assertThat(binding.getRoleRef().getName()).isEqualTo("verify-service-reader");
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
            assertThat(subject.getName()).isEqualTo("verify-service");
        });
        assertThat(rendered.all(ClusterRole.class)).isEmpty();
        assertThat(rendered.all(ClusterRoleBinding.class)).isEmpty();
    }

    /** One "group/resource verb" string per permission, so that wildcards show up as themselves. */
    private static java.util.stream.Stream<String> grants(PolicyRule rule) {
        return rule.getApiGroups().stream().flatMap(group -> rule.getResources().stream()
                .flatMap(resource -> rule.getVerbs().stream().map(verb -> group + "/" + resource + " " + verb)));
    }
}
