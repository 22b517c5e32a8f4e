package dev.flywheel.verify.tool.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

class PodSummaryTest {

    @Test
    void anEvictedPodCarriesThePodLevelReason() {
        Pod pod = new PodBuilder().withNewMetadata().withName("api-1").endMetadata()
                .withNewStatus().withPhase("Failed").withReason("Evicted").endStatus().build();

        PodSummary summary = PodSummary.of(pod);

        assertThat(summary.phase()).isEqualTo("Failed");
        assertThat(summary.reasons()).containsExactly("Evicted");
        assertThat(summary.ready()).isEqualTo("0/0");
    }

    @Test
    void theLastTerminationReasonIsKeptAlongsideTheCurrentState() {
        Pod pod = new PodBuilder().withNewMetadata().withName("api-1").endMetadata()
                .withNewStatus().withPhase("Running").withContainerStatuses(new ContainerStatusBuilder().withName("api")
                        .withReady(true).withRestartCount(2)
                        .withNewState().withNewRunning().endRunning().endState()
                        .withNewLastState().withNewTerminated().withReason("OOMKilled").endTerminated().endLastState()
                        .build())
                .endStatus().build();

        PodSummary summary = PodSummary.of(pod);

        assertThat(summary.reasons()).containsExactly("OOMKilled");
        assertThat(summary.restarts()).isEqualTo(2);
        assertThat(summary.ready()).isEqualTo("1/1");
    }

    @Test
    void containersWithoutStatusCountAsNotReady() {
        Pod pod = new PodBuilder().withNewMetadata().withName("api-1").endMetadata()
                .withNewSpec().addNewContainer().withName("api").endContainer().addNewContainer().withName("proxy")
                .endContainer().endSpec()
                .withNewStatus().withPhase("Pending").withContainerStatuses(new ContainerStatusBuilder().withName("api")
                        .withReady(false).withNewState().withNewWaiting().withReason("ImagePullBackOff").endWaiting()
                        .endState().build())
                .endStatus().build();

        PodSummary summary = PodSummary.of(pod);

        assertThat(summary.ready()).isEqualTo("0/2");
        assertThat(summary.reasons()).containsExactly("ImagePullBackOff");
    }

    @Test
    void aPodWithoutAnyStatusIsSummarisedWithoutFailing() {
        PodSummary summary = PodSummary.of(new PodBuilder().withNewMetadata().withName("new").endMetadata().build());

        assertThat(summary.phase()).isNull();
        assertThat(summary.reasons()).isEmpty();
        assertThat(summary.restarts()).isZero();
    }
}
