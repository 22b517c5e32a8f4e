package dev.flywheel.verify.tool.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code kubectl get pods} shows of a pod: phase, ready containers n/m, restarts, and every
 * waiting or terminated reason (current and last state) — where CrashLoopBackOff and OOMKilled appear.
 */
public record PodSummary(String name, String phase, String ready, int restarts, List<String> reasons) {

    static PodSummary of(Pod pod) {
        var status = pod.getStatus();
        List<ContainerStatus> containers = status == null || status.getContainerStatuses() == null ? List.of()
                : status.getContainerStatuses();
        int total = pod.getSpec() == null || pod.getSpec().getContainers() == null ? containers.size()
                : Math.max(pod.getSpec().getContainers().size(), containers.size());
        long ready = containers.stream().filter(c -> Boolean.TRUE.equals(c.getReady())).count();
        int restarts = containers.stream().mapToInt(c -> c.getRestartCount() == null ? 0 : c.getRestartCount()).sum();
        Set<String> reasons = new LinkedHashSet<>();
        if (status != null && status.getReason() != null) {
            reasons.add(status.getReason());
        }
        for (ContainerStatus container : containers) {
            addReasons(container.getState(), reasons);
            addReasons(container.getLastState(), reasons);
        }
        return new PodSummary(pod.getMetadata().getName(), status == null ? null : status.getPhase(),
                ready + "/" + total, restarts, new ArrayList<>(reasons));
    }

    private static void addReasons(ContainerState state, Set<String> reasons) {
        if (state == null) {
            return;
        }
        if (state.getWaiting() != null && state.getWaiting().getReason() != null) {
            reasons.add(state.getWaiting().getReason());
        }
        if (state.getTerminated() != null && state.getTerminated().getReason() != null) {
            reasons.add(state.getTerminated().getReason());
        }
    }
}
