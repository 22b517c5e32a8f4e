package dev.flywheel.run.events;

import static dev.flywheel.run.support.TestData.marker;
import static dev.flywheel.run.support.TestData.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flywheel.common.events.Channels;
import dev.flywheel.common.events.OutboxRelay;
import dev.flywheel.common.testing.RedisServerProcess;
import dev.flywheel.run.support.Runs;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Redis down never fails a run; its events wait in the outbox: ports seed 002's test_redis_failure_does_not_crash. */
@QuarkusTest
@TestProfile(RedisDownTest.PrivateRedis.class)
class RedisDownTest {

    public static class PrivateRedis implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RedisServerProcess.class));
        }
    }

    @Inject
    Channels channels;

    @Inject
    Pool pool;
    @Inject
    OutboxRelay relay;
    @Inject
    RedisDataSource redis;
    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisHosts;

    @Test
    @DisplayName("seed test_redis_failure_does_not_crash: a run completes while Redis is down, its events follow later")
    void aRunCompletesWhileRedisIsDownAndItsEventsGoOutWhenItIsBack() {
        int port = RedisServerProcess.portOf(redisHosts);
        RedisServerProcess.stopServer(port);
        String runId;
        try {
            runId = Runs.submit(Runs.newExperiment(), run("redis down " + marker(), "mock:m"));
            JsonPath run = Runs.awaitFinished(runId);
            assertThat(run.getString("status")).isEqualTo("completed");
            assertThat(waitingEvents(runId)).isEqualTo(3L);
        } finally {
            RedisServerProcess.startServer(port);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> waitingEvents(runId) == 0L);
        List<String> relayed = redis.stream(String.class).xrange(channels.stream("run-service"), StreamRange.of("-", "+"))
                .stream().map(StreamMessage::payload).filter(p -> p.get("envelope").contains(runId))
                .map(p -> p.get("type")).toList();
        assertThat(relayed).containsExactly("run.started", "run.stage_completed", "run.completed");
        assertThat(isUp(port)).isTrue();
    }

    private long waitingEvents(String runId) {
        return pool.preparedQuery("select count(*) from outbox where envelope like $1").execute(Tuple.of("%" + runId + "%"))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }

    private static boolean isUp(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
