package dev.flywheel.selftest.health;

import dev.flywheel.selftest.capability.Capability;
import dev.flywheel.selftest.capability.CapabilityStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@code GET /health/loop-qa}: every capability's status and the worst of them (SPEC §7). */
public record HealthSnapshot(CapabilityStatus overallStatus, Instant checkedAt, List<CapabilityHealth> capabilities) {

    /** One line per capability, in enum order; a capability never recorded is green with no last run. */
    public static HealthSnapshot of(List<CapabilityState> recorded, int threshold, Instant checkedAt) {
        Map<Capability, CapabilityState> byCapability = recorded.stream()
                .collect(Collectors.toMap(CapabilityState::capability, Function.identity(), (a, b) -> b));
        List<CapabilityHealth> lines = Arrays.stream(Capability.values())
                .map(capability -> byCapability.getOrDefault(capability, CapabilityState.neverRun(capability)))
                .map(state -> new CapabilityHealth(state.capability(),
                        CapabilityStatus.forFailures(state.consecutiveFailures(), threshold),
                        state.consecutiveFailures(), state.lastRunAt(), state.lastDetails(), state.lastErrorType()))
                .toList();
        return new HealthSnapshot(CapabilityStatus.worst(lines.stream().map(CapabilityHealth::status).toList()),
                checkedAt, lines);
    }
}
