package dev.flywheel.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only the gateway is reachable from outside the cluster (SPEC §9). */
class OverlayExposureTest {

    @EveryOverlay
    void theOnlyIngressRoutesEverythingToTheGatewayService(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        List<Ingress> ingresses = rendered.all(Ingress.class);

        assertThat(ingresses).extracting(i -> i.getMetadata().getName()).containsExactly("gateway");
        Ingress ingress = ingresses.get(0);
        assertThat(ingress.getSpec().getDefaultBackend()).isNull();
        assertThat(ingress.getSpec().getRules()).isNotEmpty();
        ServicePort gatewayPort = rendered.one(Service.class, "gateway").getSpec().getPorts().get(0);
        for (IngressRule rule : ingress.getSpec().getRules()) {
            assertThat(rule.getHost()).as("a rule without a host answers every name").isNotBlank();
            for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                IngressServiceBackend backend = path.getBackend().getService();
                assertThat(backend.getName()).isEqualTo("gateway");
                if (backend.getPort().getName() != null) {
                    assertThat(backend.getPort().getName()).isEqualTo(gatewayPort.getName());
                } else {
                    assertThat(backend.getPort().getNumber()).isEqualTo(gatewayPort.getPort());
                }
            }
        }
    }

    @EveryOverlay
    void noServiceOpensAPortOnTheNodesOrALoadBalancer(String overlay) {
        for (Service service : RenderedOverlay.of(overlay).all(Service.class)) {
            assertThat(service.getSpec().getType()).as(service.getMetadata().getName()).isEqualTo("ClusterIP");
            assertThat(service.getSpec().getExternalIPs()).as(service.getMetadata().getName() + " external IPs").isEmpty();
        }
    }

    @ParameterizedTest(name = "overlay {0}")
    @ValueSource(strings = "prod")
    void productionServesTheUiOverTlsOnly(String overlay) {
        Ingress ingress = RenderedOverlay.of(overlay).one(Ingress.class, "gateway");

        List<String> tlsHosts = ingress.getSpec().getTls().stream().flatMap(tls -> tls.getHosts().stream()).toList();
        assertThat(ingress.getSpec().getRules()).extracting(IngressRule::getHost).isSubsetOf(tlsHosts);
    }
}
