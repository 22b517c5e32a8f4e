package dev.flywheel.verify.tool.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import org.junit.jupiter.api.Test;

/** The decision {@code kubectl rollout status} makes, case by case, in its own words. */
class RolloutStatusTest {

    private static DeploymentBuilder deployment(long generation, long observed, int replicas, int current, int updated,
            int available) {
        return new DeploymentBuilder()
                .withNewMetadata().withNamespace("prod").withName("api").withGeneration(generation).endMetadata()
                .withNewSpec().withReplicas(replicas).endSpec()
                .withNewStatus().withObservedGeneration(observed).withReplicas(current).withUpdatedReplicas(updated)
                .withReadyReplicas(available).withAvailableReplicas(available).endStatus();
    }

    @Test
    void everyReplicaUpdatedAndAvailableIsRolledOut() {
        RolloutStatus status = RolloutStatus.of(deployment(4, 4, 3, 3, 3, 3).build());
        assertThat(status.success()).isTrue();
        assertThat(status.status()).isEqualTo("deployment \"api\" successfully rolled out");
    }

    @Test
    void aSpecChangeNotYetObservedIsWaiting() {
        RolloutStatus status = RolloutStatus.of(deployment(5, 4, 3, 3, 3, 3).build());
        assertThat(status.success()).isFalse();
        assertThat(status.status()).isEqualTo("Waiting for deployment spec update to be observed...");
    }

    @Test
    void oldReplicasStillTerminatingAreWaitedFor() {
        RolloutStatus status = RolloutStatus.of(deployment(4, 4, 3, 4, 3, 3).build());
        assertThat(status.success()).isFalse();
        assertThat(status.status()).endsWith("1 old replicas are pending termination...");
    }

    @Test
    void updatedReplicasNotYetAvailableAreWaitedFor() {
        RolloutStatus status = RolloutStatus.of(deployment(4, 4, 3, 3, 3, 2).build());
        assertThat(status.success()).isFalse();
        assertThat(status.status()).endsWith("2 of 3 updated replicas are available...");
    }

    @Test
    void anExceededProgressDeadlineIsReportedAsSuch() {
        Deployment stuck = deployment(4, 4, 3, 3, 1, 1).editStatus()
                .withConditions(new DeploymentConditionBuilder().withType("Progressing").withStatus("False")
                        .withReason("ProgressDeadlineExceeded").build())
                .endStatus().build();
        RolloutStatus status = RolloutStatus.of(stuck);
        assertThat(status.success()).isFalse();
        assertThat(status.status()).isEqualTo("deployment \"api\" exceeded its progress deadline");
    }

    @Test
    void aDeploymentWithoutStatusOrReplicaCountIsWaitingForOneReplica() {
        Deployment fresh = new DeploymentBuilder().withNewMetadata().withName("api").endMetadata()
                .withNewSpec().endSpec().build();
        RolloutStatus status = RolloutStatus.of(fresh);
        assertThat(status.success()).isFalse();
        assertThat(status.replicas()).isEqualTo(1);
        assertThat(status.status()).contains("0 out of 1 new replicas have been updated");
    }
}
