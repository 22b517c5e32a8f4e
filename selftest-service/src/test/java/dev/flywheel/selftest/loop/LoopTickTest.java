package dev.flywheel.selftest.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.selftest.LoopQaConfig;
import dev.flywheel.selftest.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.WithDefault;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The tick with the loop off, as in every other test; {@link ScheduledLoopTest} runs it with the loop on. */
@QuarkusTest
class LoopTickTest {

    @Inject
    LoopTick tick;
    @Inject
    LoopQaConfig config;
    @Inject
    TestDatabase database;

    @Test
    void theLoopIsOffInTestsSoATickRunsNothing() {
        database.reset();

        tick.tick().await().atMost(Duration.ofSeconds(30));

        assertThat(config.enabled()).isFalse();
        assertThat(database.count("select count(*) from selftest_events")).isZero();
    }

    @Test
    void productionDefaultsAreFiveMinutesTwelvePerHourAndThreeFailures() throws Exception {
        assertThat(defaultOf("enabled")).isEqualTo("true");
        assertThat(defaultOf("interval")).isEqualTo("5m");
        assertThat(defaultOf("maxPerHour")).isEqualTo("12");
        assertThat(defaultOf("upgradeThreshold")).isEqualTo("3");
        assertThat(config.interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.maxPerHour()).isEqualTo(12);
        assertThat(config.upgradeThreshold()).isEqualTo(3);
    }

    private static String defaultOf(String key) throws NoSuchMethodException {
        return LoopQaConfig.class.getMethod(key).getAnnotation(WithDefault.class).value();
    }
}
