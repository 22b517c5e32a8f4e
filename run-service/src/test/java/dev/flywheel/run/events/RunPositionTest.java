package dev.flywheel.run.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A run stream's event ids: what they say, how they order, what is refused. */
class RunPositionTest {

    @Test
    void anIdReadsBackAsThePositionItWasWrittenFrom() {
        assertThat(RunPosition.parse(RunPosition.at(2, 3).toString())).isEqualTo(RunPosition.at(2, 3));
        assertThat(RunPosition.at(2, 3)).hasToString("2.3");
        assertThat(RunPosition.parse("end")).isEqualTo(RunPosition.END);
        assertThat(RunPosition.END).hasToString("end");
    }

    @Test
    void laterStagesAttemptsAndTheEndAreAfterEarlierOnes() {
        assertThat(RunPosition.at(1, 2).isAfter(RunPosition.at(1, 1))).isTrue();
        assertThat(RunPosition.at(2, 0).isAfter(RunPosition.at(1, 5))).isTrue();
        assertThat(RunPosition.END.isAfter(RunPosition.at(9, 9))).isTrue();
        assertThat(RunPosition.at(1, 1).isAfter(null)).isTrue();
    }

    @Test
    void aPositionIsNotAfterItselfNorIsAnythingAfterTheEnd() {
        assertThat(RunPosition.at(1, 1).isAfter(RunPosition.at(1, 1))).isFalse();
        assertThat(RunPosition.at(1, 0).isAfter(RunPosition.at(1, 1))).isFalse();
        assertThat(RunPosition.END.isAfter(RunPosition.END)).isFalse();
        assertThat(RunPosition.at(99, 99).isAfter(RunPosition.END)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "1", "1.2.3", "a.b", "-1.0", "1.-2", "END", "1.2.end", "0x1.2" })
    void anythingElseIsRefused(String id) {
        assertThatThrownBy(() -> RunPosition.parse(id)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an event id");
    }
}
