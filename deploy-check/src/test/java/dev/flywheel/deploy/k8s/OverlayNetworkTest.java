package dev.flywheel.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.deploy.services.ServiceCatalog;
import dev.flywheel.deploy.services.ServiceFacts;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Who may talk to whom once an overlay is applied, worked out from its NetworkPolicies: default deny, the
 * gateway reachable only from the ingress controller, each service only from the peers that call it (SPEC §2).
 */
class OverlayNetworkTest {

    private static final String NAMESPACE = "flywheel";

    /** caller -> callee, from SPEC §2: REST routes plus verify-service's http_health checks of the suite. */
    private static final Set<String> CALLS = Set.of(
            "gateway->selftest-service", "gateway->variant-service", "gateway->run-service", "gateway->verify-service",
            "selftest-service->run-service", "selftest-service->verify-service", "selftest-service->variant-service",
            "run-service->variant-service",
            "verify-service->gateway", "verify-service->selftest-service", "verify-service->variant-service",
            "verify-service->run-service");

    private static final Endpoint INGRESS_CONTROLLER =
            Endpoint.pod("ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx"), Map.of());
    private static final Endpoint STRANGER = Endpoint.pod("default", Map.of("app", "curious"), Map.of());
    private static final Endpoint DNS = Endpoint.pod("kube-system", Map.of("k8s-app", "kube-dns"), Map.of());
    private static final Endpoint PROMETHEUS = Endpoint.pod("monitoring", Map.of("app", "prometheus"), Map.of());
    private static final Endpoint INTERNET = Endpoint.external("203.0.113.10");
    private static final Endpoint MANAGED_DATABASE = Endpoint.external("10.20.0.5");

    @EveryOverlay
    void everyPodStartsFromDenyAll(String overlay) {
        NetworkPolicy deny = RenderedOverlay.of(overlay).one(NetworkPolicy.class, "default-deny");

        assertThat(deny.getSpec().getPodSelector().getMatchLabels()).isEmpty();
        assertThat(deny.getSpec().getPodSelector().getMatchExpressions()).isEmpty();
        assertThat(deny.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(deny.getSpec().getIngress()).isEmpty();
        assertThat(deny.getSpec().getEgress()).isEmpty();
    }

    @EveryOverlay
    void fromOutsideOnlyTheIngressControllerReachesAndOnlyTheGateway(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        NetworkPolicies policies = policies(rendered);
        for (ServiceFacts service : ServiceCatalog.all()) {
            Endpoint pod = pod(rendered, service.name());
            assertThat(policies.allows(INGRESS_CONTROLLER, pod, service.port(), "TCP"))
                    .as("ingress controller -> " + service.name()).isEqualTo(service.name().equals("gateway"));
            assertThat(policies.allows(STRANGER, pod, service.port(), "TCP")).as("another namespace -> " + service.name()).isFalse();
        }
        for (Workload workload : rendered.workloads()) {
            for (int port : Endpoint.of(NAMESPACE, workload).namedPorts().values()) {
                assertThat(policies.allows(STRANGER, Endpoint.of(NAMESPACE, workload), port, "TCP"))
                        .as("another namespace -> " + workload.name() + ":" + port).isFalse();
            }
        }
    }

    @EveryOverlay
    void eachServiceIsReachableFromExactlyThePeersThatCallIt(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        NetworkPolicies policies = policies(rendered);
        for (ServiceFacts caller : ServiceCatalog.all()) {
            for (ServiceFacts callee : ServiceCatalog.all()) {
                if (caller.equals(callee)) {
                    continue;
                }
                String call = caller.name() + "->" + callee.name();
                assertThat(policies.allows(pod(rendered, caller.name()), pod(rendered, callee.name()), callee.port(), "TCP"))
                        .as(call).isEqualTo(CALLS.contains(call));
            }
        }
    }

    @EveryOverlay
    void everyPodResolvesNamesAndTalksToNoStrangers(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        NetworkPolicies policies = policies(rendered);
        for (Workload workload : rendered.workloads()) {
            Endpoint pod = Endpoint.of(NAMESPACE, workload);
            assertThat(policies.allows(pod, DNS, 53, "UDP")).as(workload.name() + " DNS over UDP").isTrue();
            assertThat(policies.allows(pod, DNS, 53, "TCP")).as(workload.name() + " DNS over TCP").isTrue();
            assertThat(policies.allows(pod, STRANGER, 8080, "TCP")).as(workload.name() + " -> another namespace").isFalse();
            assertThat(policies.allows(pod, INTERNET, 80, "TCP")).as(workload.name() + " -> plain HTTP on the internet").isFalse();
        }
    }

    @EveryOverlay
    void prometheusScrapesEveryService(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        for (ServiceFacts service : ServiceCatalog.all()) {
            assertThat(policies(rendered).allows(PROMETHEUS, pod(rendered, service.name()), service.port(), "TCP"))
                    .as("monitoring -> " + service.name()).isTrue();
        }
    }

    @EveryOverlay
    void onlyRunServiceReachesLlmProvidersAndOnlyVerifyServiceTheKubernetesApi(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        NetworkPolicies policies = policies(rendered);
        Endpoint apiServer = Endpoint.external("10.96.0.1");
        for (ServiceFacts service : ServiceCatalog.all()) {
            Endpoint pod = pod(rendered, service.name());
            assertThat(policies.allows(pod, INTERNET, 443, "TCP")).as(service.name() + " -> HTTPS provider")
                    .isEqualTo(Set.of("run-service", "verify-service").contains(service.name()));
            assertThat(policies.allows(pod, apiServer, 6443, "TCP")).as(service.name() + " -> Kubernetes API")
                    .isEqualTo(service.name().equals("verify-service"));
        }
    }

    @ParameterizedTest(name = "overlay {0}")
    @ValueSource(strings = "dev")
    void inDevTheServicesWithASchemaReachThePostgresPodAndEveryServiceTheRedisPod(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        NetworkPolicies policies = policies(rendered);
        Endpoint postgres = pod(rendered, "postgres");
        Endpoint redis = pod(rendered, "redis");
        for (ServiceFacts service : ServiceCatalog.all()) {
            Endpoint pod = pod(rendered, service.name());
            assertThat(policies.allows(pod, postgres, 5432, "TCP")).as(service.name() + " -> postgres")
                    .isEqualTo(service.schema().isPresent());
            assertThat(policies.allows(pod, redis, 6379, "TCP")).as(service.name() + " -> redis").isTrue();
            assertThat(policies.allows(pod, MANAGED_DATABASE, 5432, "TCP")).as(service.name() + " -> a database elsewhere").isFalse();
        }
        assertThat(policies.allows(STRANGER, postgres, 5432, "TCP")).isFalse();
        assertThat(policies.allows(STRANGER, redis, 6379, "TCP")).isFalse();
        assertThat(policies.allows(postgres, INTERNET, 443, "TCP")).isFalse();
    }

    @ParameterizedTest(name = "overlay {0}")
    @ValueSource(strings = "prod")
    void inProdTheServicesWithASchemaReachTheManagedDatabaseAndEveryServiceRedis(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        NetworkPolicies policies = policies(rendered);
        Endpoint managedRedis = Endpoint.external("10.20.0.6");
        for (ServiceFacts service : ServiceCatalog.all()) {
            Endpoint pod = pod(rendered, service.name());
            assertThat(policies.allows(pod, MANAGED_DATABASE, 5432, "TCP")).as(service.name() + " -> postgres")
                    .isEqualTo(service.schema().isPresent());
            assertThat(policies.allows(pod, managedRedis, 6379, "TCP")).as(service.name() + " -> redis").isTrue();
        }
    }

    private static NetworkPolicies policies(RenderedOverlay rendered) {
        return new NetworkPolicies(rendered.all(NetworkPolicy.class));
    }

    private static Endpoint pod(RenderedOverlay rendered, String workload) {
        return Endpoint.of(NAMESPACE, rendered.workload(workload));
    }
}
