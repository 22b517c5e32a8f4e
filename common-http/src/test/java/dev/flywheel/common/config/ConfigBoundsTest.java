package dev.flywheel.common.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfigBoundsTest {

    @Test
    void aValueAtOrAboveTheMinimumPasses() {
        assertThatCode(() -> ConfigBounds.atLeast("x.y", 1, 1)).doesNotThrowAnyException();
        assertThatCode(() -> ConfigBounds.atLeast("x.y", 0, 0)).doesNotThrowAnyException();
        assertThatCode(() -> ConfigBounds.atLeast("x.y", 500, 1)).doesNotThrowAnyException();
    }

    @Test
    void aValueBelowTheMinimumNamesTheSettingAndTheBound() {
        assertThatThrownBy(() -> ConfigBounds.atLeast("run.cache.counter-stripes", 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("run.cache.counter-stripes must be at least 1, is 0");
        assertThatThrownBy(() -> ConfigBounds.atLeast("loop-qa.max-per-hour", -1, 0))
                .hasMessage("loop-qa.max-per-hour must be at least 0, is -1");
    }
}
