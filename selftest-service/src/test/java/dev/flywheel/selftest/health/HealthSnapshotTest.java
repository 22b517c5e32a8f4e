package dev.flywheel.selftest.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.selftest.capability.Capability;
import dev.flywheel.selftest.capability.CapabilityStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HealthSnapshotTest {

    private static final int THRESHOLD = 3;
    private static final Instant NOW = Instant.parse("2026-01-01T10:15:00Z");

    @Test
    @DisplayName("seed test_health_snapshot_all_green: no failures anywhere is all green")
    void allGreenWhenNothingFailed() {
        HealthSnapshot snapshot = HealthSnapshot.of(List.of(), THRESHOLD, NOW);

        assertThat(snapshot.overallStatus()).isEqualTo(CapabilityStatus.GREEN);
        assertThat(snapshot.capabilities()).hasSize(6)
                .allSatisfy(line -> assertThat(line.status()).isEqualTo(CapabilityStatus.GREEN));
        assertThat(snapshot.checkedAt()).isEqualTo(NOW);
    }

    @Test
    @DisplayName("seed test_health_snapshot_mixed_statuses: each capability maps its own count")
    void mixedStatusesAreMappedPerCapability() {
        HealthSnapshot snapshot = HealthSnapshot.of(List.of(failing(Capability.TOOL_USE, 2),
                failing(Capability.MEMORY_READ, 5)), THRESHOLD, NOW);

        Map<Capability, CapabilityStatus> byCapability = snapshot.capabilities().stream()
                .collect(Collectors.toMap(CapabilityHealth::capability, CapabilityHealth::status));
        assertThat(byCapability).containsEntry(Capability.TOOL_USE, CapabilityStatus.YELLOW)
                .containsEntry(Capability.MEMORY_READ, CapabilityStatus.RED)
                .containsEntry(Capability.LIGHTNING_ECON, CapabilityStatus.GREEN);
    }

    @Test
    @DisplayName("seed test_health_snapshot_overall_worst: overall is the worst capability")
    void overallIsTheWorst() {
        assertThat(HealthSnapshot.of(List.of(failing(Capability.TOOL_USE, 2)), THRESHOLD, NOW).overallStatus())
                .isEqualTo(CapabilityStatus.YELLOW);
        assertThat(HealthSnapshot.of(List.of(failing(Capability.TOOL_USE, 2), failing(Capability.MEMORY_WRITE, 5)),
                THRESHOLD, NOW).overallStatus()).isEqualTo(CapabilityStatus.RED);
    }

    @Test
    void linesFollowTheEnumOrderAndCarryTheLastResult() {
        Instant lastRun = NOW.minusSeconds(60);
        HealthSnapshot snapshot = HealthSnapshot.of(List.of(new CapabilityState(Capability.SELF_CODING, 1, lastRun,
                "note did not read back", "NoteMismatch")), THRESHOLD, NOW);

        assertThat(snapshot.capabilities()).extracting(CapabilityHealth::capability)
                .containsExactly(Capability.values());
        CapabilityHealth selfCoding = snapshot.capabilities().get(Capability.SELF_CODING.ordinal());
        assertThat(selfCoding.lastRunAt()).isEqualTo(lastRun);
        assertThat(selfCoding.lastDetails()).isEqualTo("note did not read back");
        assertThat(selfCoding.lastErrorType()).isEqualTo("NoteMismatch");
        assertThat(selfCoding.consecutiveFailures()).isEqualTo(1);
        assertThat(snapshot.capabilities().get(0).lastRunAt()).isNull();
    }

    private static CapabilityState failing(Capability capability, int failures) {
        return new CapabilityState(capability, failures, NOW, "failing", "AssertionError");
    }
}
