package dev.flywheel.selftest.capability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CapabilityStatusTest {

    private static final int DEFAULT_THRESHOLD = 3;

    @Test
    @DisplayName("seed test_capability_enum_has_all_members: exactly the six capabilities")
    void capabilityHasExactlyTheSixMembers() {
        Set<String> values = Arrays.stream(Capability.values()).map(Capability::value).collect(Collectors.toSet());

        assertThat(values).containsExactlyInAnyOrder("tool_use", "multistep_planning", "memory_read", "memory_write",
                "self_coding", "lightning_econ");
        assertThat(Capability.values()).hasSize(6);
    }

    @Test
    void capabilitiesAreParsedFromTheirWireNamesOnly() {
        assertThat(Capability.fromValue("tool_use")).contains(Capability.TOOL_USE);
        assertThat(Capability.fromValue("TOOL_USE")).isEmpty();
        assertThat(Capability.fromValue("teleport")).isEmpty();
    }

    @Test
    @DisplayName("seed test_status_for_failures_mapping: green for 0-1, yellow for 2, red from the threshold")
    void statusForFailuresMapping() {
        assertThat(CapabilityStatus.forFailures(0, DEFAULT_THRESHOLD)).isEqualTo(CapabilityStatus.GREEN);
        assertThat(CapabilityStatus.forFailures(1, DEFAULT_THRESHOLD)).isEqualTo(CapabilityStatus.GREEN);
        assertThat(CapabilityStatus.forFailures(2, DEFAULT_THRESHOLD)).isEqualTo(CapabilityStatus.YELLOW);
        assertThat(CapabilityStatus.forFailures(3, DEFAULT_THRESHOLD)).isEqualTo(CapabilityStatus.RED);
        assertThat(CapabilityStatus.forFailures(10, DEFAULT_THRESHOLD)).isEqualTo(CapabilityStatus.RED);
    }

    @Test
    void aHigherThresholdKeepsLongerStreaksYellow() {
        assertThat(CapabilityStatus.forFailures(4, 5)).isEqualTo(CapabilityStatus.YELLOW);
        assertThat(CapabilityStatus.forFailures(5, 5)).isEqualTo(CapabilityStatus.RED);
    }

    @Test
    void reachingALowThresholdIsRedEvenBeforeYellow() {
        assertThat(CapabilityStatus.forFailures(1, 1)).isEqualTo(CapabilityStatus.RED);
        assertThat(CapabilityStatus.forFailures(0, 1)).isEqualTo(CapabilityStatus.GREEN);
    }

    @Test
    void worstOfStatusesIsTheOverallStatus() {
        assertThat(CapabilityStatus.worst(List.of())).isEqualTo(CapabilityStatus.GREEN);
        assertThat(CapabilityStatus.worst(List.of(CapabilityStatus.GREEN, CapabilityStatus.YELLOW)))
                .isEqualTo(CapabilityStatus.YELLOW);
        assertThat(CapabilityStatus.worst(List.of(CapabilityStatus.RED, CapabilityStatus.GREEN,
                CapabilityStatus.YELLOW))).isEqualTo(CapabilityStatus.RED);
    }
}
