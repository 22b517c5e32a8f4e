package dev.flywheel.run.events;

import static dev.flywheel.run.support.TestData.marker;
import static dev.flywheel.run.support.TestData.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flywheel.common.testing.PrivateRedis;
import dev.flywheel.common.testing.RelayedEvents;
import dev.flywheel.run.support.Runs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Redis down never fails a run; its events wait in the outbox: ports seed 002's test_redis_failure_does_not_crash. */
@QuarkusTest
@TestProfile(PrivateRedis.class)
class RedisDownTest {

    @Inject
    Pool pool;

    @Test
    @DisplayName("seed test_redis_failure_does_not_crash: a run completes while Redis is down, its events follow later")
    void aRunCompletesWhileRedisIsDownAndItsEventsGoOutWhenItIsBack() {
        PrivateRedis.stop();
        String runId;
        try {
            runId = Runs.submit(Runs.newExperiment(), run("redis down " + marker(), "mock:m"));
            JsonPath run = Runs.awaitFinished(runId);
            assertThat(run.getString("status")).isEqualTo("completed");
            assertThat(waitingEvents(runId)).isEqualTo(3L);
        } finally {
            PrivateRedis.start();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> waitingEvents(runId) == 0L);
        List<String> relayed = RelayedEvents.entries("run-service").stream()
                .filter(entry -> entry.get("envelope").contains(runId)).map(entry -> entry.get("type")).toList();
        assertThat(relayed).containsExactly("run.started", "run.stage_completed", "run.completed");
        assertThat(PrivateRedis.isUp()).isTrue();
    }

    private long waitingEvents(String runId) {
        return pool.preparedQuery("select count(*) from outbox where envelope like $1").execute(Tuple.of("%" + runId + "%"))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }
}
