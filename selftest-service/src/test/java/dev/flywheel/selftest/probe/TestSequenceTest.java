package dev.flywheel.selftest.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flywheel.selftest.capability.Capability;
import dev.flywheel.selftest.support.FakeProbe;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestSequenceTest {

    @Test
    void memoryIsWrittenBeforeItIsRead() {
        assertThat(TestSequence.ORDER.indexOf(Capability.MEMORY_WRITE))
                .isLessThan(TestSequence.ORDER.indexOf(Capability.MEMORY_READ));
        assertThat(EnumSet.copyOf(TestSequence.ORDER)).isEqualTo(EnumSet.allOf(Capability.class));
    }

    @Test
    void positionsWrapAroundEndlessly() {
        TestSequence sequence = FakeProbe.sequenceOf(FakeProbe.allPassing());

        assertThat(sequence.at(0).capability()).isEqualTo(Capability.TOOL_USE);
        assertThat(sequence.at(5).capability()).isEqualTo(Capability.LIGHTNING_ECON);
        assertThat(sequence.at(6).capability()).isEqualTo(Capability.TOOL_USE);
        assertThat(sequence.at(6L * 1_000_000 + 2).capability()).isEqualTo(TestSequence.ORDER.get(2));
    }

    @Test
    void aMissingProbeIsRefused() {
        List<FakeProbe> five = new ArrayList<>(FakeProbe.allPassing());
        five.removeIf(p -> p.capability() == Capability.SELF_CODING);

        assertThatThrownBy(() -> FakeProbe.sequenceOf(five)).hasMessageContaining("self_coding");
    }

    @Test
    void twoProbesForOneCapabilityAreRefused() {
        List<FakeProbe> seven = new ArrayList<>(FakeProbe.allPassing());
        seven.add(FakeProbe.passing(Capability.TOOL_USE));

        assertThatThrownBy(() -> FakeProbe.sequenceOf(seven)).hasMessageContaining("tool_use");
    }
}
