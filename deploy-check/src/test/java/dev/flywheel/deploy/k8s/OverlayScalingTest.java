package dev.flywheel.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.deploy.services.ServiceCatalog;
import dev.flywheel.deploy.services.ServiceFacts;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Replicas, the run-service autoscaler and the disruption budgets. */
class OverlayScalingTest {

    /** The max_connections, less reserved ones, that k8s/README.md asks of the production Postgres. */
    private static final int PRODUCTION_CONNECTION_BUDGET = 200;

    @EveryOverlay
    void runServiceIsAutoscaledOnCpuAndItsDeploymentLeavesTheCountToTheAutoscaler(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        List<HorizontalPodAutoscaler> autoscalers = rendered.all(HorizontalPodAutoscaler.class);

        assertThat(autoscalers).extracting(h -> h.getSpec().getScaleTargetRef().getName()).containsExactly("run-service");
        HorizontalPodAutoscaler hpa = autoscalers.get(0);
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getMinReplicas()).isPositive().isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());
        assertThat(hpa.getSpec().getMetrics()).extracting(MetricSpec::getType).containsExactly("Resource");
        assertThat(hpa.getSpec().getMetrics().get(0).getResource().getName()).isEqualTo("cpu");
        assertThat(rendered.one(Deployment.class, "run-service").getSpec().getReplicas())
                .as("a replica count in the Deployment would be reset by every kubectl apply").isNull();
    }

    @ParameterizedTest(name = "overlay {0}")
    @ValueSource(strings = "prod")
    void productionRunsTwoToTenRunServicesAndAtLeastTwoOfEveryOtherService(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        HorizontalPodAutoscaler hpa = rendered.one(HorizontalPodAutoscaler.class, "run-service");

        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(10);
        ServiceCatalog.MODULES.stream().filter(name -> !name.equals("run-service")).forEach(name ->
                assertThat(rendered.one(Deployment.class, name).getSpec().getReplicas()).as(name).isGreaterThanOrEqualTo(2));
    }

    @ParameterizedTest(name = "overlay {0}")
    @ValueSource(strings = "prod")
    void productionAtFullScaleOpensNoMoreDatabaseConnectionsThanItsBudget(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        int connections = 0;
        for (ServiceFacts service : ServiceCatalog.all()) {
            if (service.schema().isEmpty()) {
                continue;
            }
            var environment = new ContainerEnvironment(rendered, rendered.workload(service.name()).container(service.name()));
            int reactive = environment.literal("QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE").map(Integer::parseInt)
                    .orElse(service.reactivePoolSize());
            int jdbc = environment.literal("QUARKUS_DATASOURCE_JDBC_MAX_SIZE").map(Integer::parseInt)
                    .orElse(service.jdbcPoolSize());
            connections += maximumReplicas(rendered, service.name()) * (reactive + jdbc);
        }
        assertThat(connections).as("Postgres connections with every replica's pools full (k8s/README.md: Production)")
                .isLessThanOrEqualTo(PRODUCTION_CONNECTION_BUDGET);
    }

    @EveryOverlay
    void everyServiceHasADisruptionBudgetThatCoversOnlyItsPodsAndStillLetsANodeDrain(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        for (String name : ServiceCatalog.MODULES) {
            List<PodDisruptionBudget> budgets = rendered.all(PodDisruptionBudget.class).stream()
                    .filter(pdb -> matches(pdb.getSpec().getSelector().getMatchLabels(), rendered.workload(name).podLabels()))
                    .toList();
            assertThat(budgets).as(name + " disruption budgets").hasSize(1);
            var spec = budgets.get(0).getSpec();
            for (Workload other : rendered.workloads()) {
                if (!other.name().equals(name)) {
                    assertThat(matches(spec.getSelector().getMatchLabels(), other.podLabels()))
                            .as(name + "'s budget also covers " + other.name()).isFalse();
                }
            }
            assertThat(allowedDisruptions(spec.getMaxUnavailable(), spec.getMinAvailable(), minimumReplicas(rendered, name)))
                    .as(name + ": a budget that allows no disruption blocks every node drain").isPositive();
        }
    }

    private static int maximumReplicas(RenderedOverlay rendered, String name) {
        return rendered.find(HorizontalPodAutoscaler.class, name)
                .map(hpa -> hpa.getSpec().getMaxReplicas())
                .orElseGet(() -> minimumReplicas(rendered, name));
    }

    private static int minimumReplicas(RenderedOverlay rendered, String name) {
        return rendered.find(HorizontalPodAutoscaler.class, name)
                .map(hpa -> hpa.getSpec().getMinReplicas())
                .orElseGet(() -> {
                    Integer replicas = rendered.one(Deployment.class, name).getSpec().getReplicas();
                    return replicas == null ? 1 : replicas;
                });
    }

    private static int allowedDisruptions(IntOrString maxUnavailable, IntOrString minAvailable, int replicas) {
        if (maxUnavailable != null) {
            return absolute(maxUnavailable, replicas);
        }
        return replicas - absolute(minAvailable, replicas);
    }

    private static int absolute(IntOrString value, int replicas) {
        if (value.getIntVal() != null) {
            return value.getIntVal();
        }
        int percent = Integer.parseInt(value.getStrVal().replace("%", ""));
        return (int) Math.ceil(replicas * percent / 100.0);
    }

    private static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        return labels.entrySet().containsAll(selector.entrySet());
    }
}
