package dev.flywheel.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrictManifestsTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: demo
            spec:
              selector:
                matchLabels: {app: demo}
              template:
                metadata:
                  labels: {app: demo}
                spec:
                  containers:
                  - name: demo
                    image: demo:1
                    %s
            """;

    @Test
    void readsEveryDocumentIntoItsTypedClass() {
        List<HasMetadata> objects = StrictManifests.parse(DEPLOYMENT.formatted("ports: [{containerPort: 8080}]") + """
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: demo
                spec:
                  ports: [{port: 80, targetPort: 8080}]
                """);

        assertThat(objects).hasSize(2);
        assertThat(objects.get(0)).isInstanceOf(Deployment.class);
        assertThat(((Deployment) objects.get(0)).getSpec().getTemplate().getSpec().getContainers().get(0)
                .getPorts().get(0).getContainerPort()).isEqualTo(8080);
        assertThat(objects.get(1)).isInstanceOf(Service.class);
    }

    @Test
    void aMisspeltFieldDeepInsideFailsAndIsNamed() {
        String yaml = DEPLOYMENT.formatted("livenessProbes: {httpGet: {path: /q/health/live, port: 8080}}");

        assertThatThrownBy(() -> StrictManifests.parse(yaml))
                .hasMessageContaining("Deployment demo")
                .hasMessageContaining("spec.template.spec.containers[0].livenessProbes");
    }

    @Test
    void anUnknownFieldInsideAListOfMapsFails() {
        String yaml = DEPLOYMENT.formatted("env: [{name: A, valu: b}]");

        assertThatThrownBy(() -> StrictManifests.parse(yaml)).hasMessageContaining("env[0].valu");
    }

    @Test
    void aKindTheModelDoesNotKnowFails() {
        assertThatThrownBy(() -> StrictManifests.parse("""
                apiVersion: apps/v1
                kind: Deployement
                metadata:
                  name: typo
                """)).hasMessageContaining("kind=Deployement");
    }

    @Test
    void emptyDocumentsBetweenSeparatorsAreIgnored() {
        assertThat(StrictManifests.parse("---\n---\n" + DEPLOYMENT.formatted(""))).hasSize(1);
    }
}
