package dev.flywheel.selftest.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flywheel.selftest.capability.Capability;
import dev.flywheel.selftest.probe.TestSequence;
import dev.flywheel.selftest.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The loop switched on, as in production but with a one-second interval: the scheduler itself fires the tick,
 * and each tick runs the next probe and records it as {@code scheduled}. The peers point at a closed port, so the
 * probes that need one fail (and are recorded as failures) without reaching any running suite.
 */
@QuarkusTest
@TestProfile(ScheduledLoopTest.LoopOn.class)
class ScheduledLoopTest {

    private static final String CLOSED_PORT = "http://127.0.0.1:1";

    public static class LoopOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("loop-qa.enabled", "true", "loop-qa.interval", "1s",
                    "quarkus.rest-client.run-service.url", CLOSED_PORT,
                    "quarkus.rest-client.verify-service.url", CLOSED_PORT,
                    "peers.run-service.retries", "0",
                    "peers.verify-service.retries", "0");
        }
    }

    @Inject
    TestDatabase database;

    @Test
    void scheduledTicksRunTheProbesInTurnAndRecordThem() {
        database.reset();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> database.scheduledCapabilities().size() >= 3);

        // One probe per tick, each the one after the last in the sequence's order (a tick already under way when
        // the state was reset may record out of turn, so the first one is not checked).
        List<String> recorded = database.scheduledCapabilities();
        for (int i = 2; i < recorded.size(); i++) {
            assertThat(recorded.get(i)).isEqualTo(after(recorded.get(i - 1)));
        }
    }

    private static String after(String capability) {
        List<Capability> order = TestSequence.ORDER;
        int at = order.indexOf(Capability.fromValue(capability).orElseThrow());
        return order.get((at + 1) % order.size()).value();
    }
}
