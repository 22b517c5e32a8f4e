package dev.flywheel.verify.backends;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import dev.flywheel.verify.TestApi;
import dev.flywheel.verify.TestData;
import dev.flywheel.verify.incident.Incident;
import dev.flywheel.verify.incident.TestIncidents;
import dev.flywheel.verify.tool.ToolCall;
import dev.flywheel.verify.tool.ToolRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code kubectl_get} and {@code k8s_watch_rollout} through the fabric8 client against the Kubernetes mock server. */
@QuarkusTest
@WithKubernetesTestServer
@WithTestResource(PrometheusServer.class)
class KubernetesToolsTest {

    @KubernetesTestServer
    KubernetesServer server;
    @Inject
    ToolRegistry registry;

    private Cluster cluster;
    private String namespace;

    @BeforeEach
    void freshNamespace() {
        cluster = new Cluster(server.getClient());
        namespace = "ns-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static JsonPath execute(String tool, Map<String, Object> parameters) {
        return given().contentType(ContentType.JSON).body(parameters).post("/api/tools/{tool}/execute", tool)
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aCrashLoopingPodShowsItsReasonRestartsAndReadiness() {
        cluster.pod(namespace, "api-1", Map.of("app", "api"), "Running", Cluster.crashLooping("api", 7));

        JsonPath result = execute("kubectl_get", Map.of("namespace", namespace, "name", "api-1"));

        assertThat(result.getBoolean("success")).isTrue();
        assertThat(result.getString("output.pods[0].name")).isEqualTo("api-1");
        assertThat(result.getList("output.pods[0].reasons")).contains("CrashLoopBackOff");
        assertThat(result.getInt("output.pods[0].restarts")).isEqualTo(7);
        assertThat(result.getString("output.pods[0].ready")).isEqualTo("0/1");
    }

    @Test
    void anOomKilledPodShowsTheTerminationReason() {
        cluster.pod(namespace, "worker-1", Map.of("app", "worker"), "Running", Cluster.oomKilled("worker"));

        JsonPath result = execute("kubectl_get", Map.of("namespace", namespace, "label_selector", "app=worker"));

        assertThat(result.getInt("output.count")).isEqualTo(1);
        assertThat(result.getList("output.pods[0].reasons")).containsExactly("OOMKilled");
    }

    @Test
    void aHealthyPodIsRunningWithAllContainersReady() {
        cluster.pod(namespace, "web-1", Map.of("app", "web"), "Running", Cluster.running("web"), Cluster.running("sidecar"));

        JsonPath result = execute("kubectl_get", Map.of("namespace", namespace, "name", "web-1"));

        assertThat(result.getString("output.pods[0].phase")).isEqualTo("Running");
        assertThat(result.getString("output.pods[0].ready")).isEqualTo("2/2");
        assertThat(result.getList("output.pods[0].reasons")).isEmpty();
    }

    @Test
    void podsOfADeploymentAreFoundThroughItsSelector() {
        cluster.deployment(namespace, "shop", 2, 2, 2);
        cluster.pod(namespace, "shop-a", Map.of("app", "shop"), "Running", Cluster.running("shop"));
        cluster.pod(namespace, "shop-b", Map.of("app", "shop"), "Running", Cluster.running("shop"));
        cluster.pod(namespace, "other", Map.of("app", "other"), "Running", Cluster.running("other"));

        JsonPath result = execute("kubectl_get", Map.of("namespace", namespace, "deployment", "shop"));

        assertThat(result.getList("output.pods.name")).containsExactlyInAnyOrder("shop-a", "shop-b");
    }

    @Test
    void aRolledOutDeploymentIsASuccessInKubectlsWords() {
        cluster.deployment(namespace, "api", 3, 3, 3);

        JsonPath result = execute("k8s_watch_rollout", Map.of("namespace", namespace, "deployment", "api"));

        assertThat(result.getBoolean("output.success")).isTrue();
        assertThat(result.getString("output.status")).isEqualTo("deployment \"api\" successfully rolled out");
        assertThat(result.getInt("output.available_replicas")).isEqualTo(3);
    }

    @Test
    void aStuckDeploymentIsWaiting() {
        cluster.deployment(namespace, "api", 3, 1, 1);

        JsonPath result = execute("k8s_watch_rollout", Map.of("namespace", namespace, "deployment", "api"));

        assertThat(result.getBoolean("output.success")).isFalse();
        assertThat(result.getString("output.status"))
                .isEqualTo("Waiting for deployment \"api\" rollout to finish: 1 out of 3 new replicas have been updated...");
    }

    @Test
    void somethingThatDoesNotExistIsAFailedReadNotAnError() {
        JsonPath pod = execute("kubectl_get", Map.of("namespace", namespace, "name", "ghost"));
        JsonPath rollout = execute("k8s_watch_rollout", Map.of("namespace", namespace, "deployment", "ghost"));

        assertThat(pod.getBoolean("success")).isFalse();
        assertThat(pod.getString("error")).contains("not found");
        assertThat(rollout.getBoolean("success")).isFalse();
    }

    @Test
    void parametersThatAreNoKubernetesNamesAreRejected() {
        given().contentType(ContentType.JSON).body(Map.of("namespace", "Bad_NS", "label_selector", "app in (a)"))
                .post("/api/tools/kubectl_get/execute")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem("namespace"))
                .body("errors.field", hasItem("label_selector"));
        given().contentType(ContentType.JSON).body(Map.of("namespace", "ok"))
                .post("/api/tools/k8s_watch_rollout/execute")
                .then().statusCode(400).body("errors.field", hasItem("deployment"));
    }

    @Test
    void withABackendConfiguredTheKubernetesToolsAreListedAndSuggested() {
        given().get("/api/tools").then().statusCode(200)
                .body("items.find { it.name == 'kubectl_get' }.configured", is(true))
                .body("items.find { it.name == 'prometheus_query' }.configured", is(true));
        Incident incident = TestIncidents.incident("INC-1", Map.of("alertname", "KubeDeploymentReplicasMismatch",
                "namespace", "prod", "pod", "api-1", "deployment", "api", "job", "kube-state-metrics"));

        assertThat(registry.suggest(incident)).extracting(ToolCall::tool)
                .containsExactly("k8s_watch_rollout", "kubectl_get", "prometheus_query");
        assertThat(registry.suggest(TestIncidents.incident("INC-2", Map.of("alertname", "KubePodCrashLooping",
                "namespace", "prod", "pod", "api-1")))).extracting(ToolCall::tool).containsExactly("kubectl_get");
    }

    @Test
    void aVerificationOfACrashLoopingPodFails() {
        cluster.pod(namespace, "api-xyz", Map.of("app", "api"), "Running", Cluster.crashLooping("api", 4));
        Incident incident = TestIncidents.incident(TestIncidents.freshId(),
                Map.of("alertname", "KubePodCrashLooping", "namespace", namespace, "pod", "api-xyz"));

        JsonPath done = TestApi.verifyAndWait(TestData.verification(incident, "restart_service:api", 0));

        assertThat(done.getString("result")).isEqualTo("failed");
        assertThat(done.getList("post_state.kubectl_get.pods[0].reasons")).contains("CrashLoopBackOff");
    }

    @Test
    void aRestartThatLeftTheDeploymentRolledOutAndItsPodsRunningSucceeds() {
        cluster.deployment(namespace, "api", 2, 2, 2);
        cluster.pod(namespace, "api-new-1", Map.of("app", "api"), "Running", Cluster.running("api"));
        cluster.pod(namespace, "api-new-2", Map.of("app", "api"), "Running", Cluster.running("api"));
        Incident incident = TestIncidents.incident(TestIncidents.freshId(),
                Map.of("alertname", "KubeDeploymentReplicasMismatch", "namespace", namespace, "deployment", "api"));

        JsonPath done = TestApi.verifyAndWait(TestData.verification(incident, "kubectl rollout restart deployment/api", 0));

        assertThat(done.getString("result")).isEqualTo("success");
        assertThat(done.getList("tools_used")).containsExactly("k8s_watch_rollout", "kubectl_get");
        assertThat(done.getBoolean("post_state.k8s_watch_rollout.success")).isTrue();
        assertThat(done.getList("post_state.kubectl_get.pods.ready")).containsOnly("1/1");
    }

    @Test
    void aStuckRolloutWithNoPodsIsDegraded() {
        cluster.deployment(namespace, "api", 3, 1, 0);
        Incident incident = TestIncidents.incident(TestIncidents.freshId(),
                Map.of("alertname", "KubeDeploymentReplicasMismatch", "namespace", namespace, "deployment", "api"));

        JsonPath done = TestApi.verifyAndWait(TestData.verification(incident, "patch_config", 0));

        assertThat(done.getString("result")).isEqualTo("degraded");
        assertThat(done.getString("post_state.k8s_watch_rollout.status")).contains("Waiting for deployment");
    }

    @Test
    void aPodThatCannotBeFoundLeavesNothingToJudgeByAndFails() {
        Incident incident = TestIncidents.incident(TestIncidents.freshId(),
                Map.of("alertname", "KubePodCrashLooping", "namespace", namespace, "pod", "gone"));

        JsonPath done = TestApi.verifyAndWait(TestData.verification(incident, "kubectl_delete_pod:gone", 0));

        assertThat(done.getString("result")).isEqualTo("failed");
        given().get("/api/incidents/{id}/tool-calls", incident.incidentId()).then().statusCode(200)
                .body("items[0].success", is(false))
                .body("items[0].error", containsString("not found"));
    }
}
