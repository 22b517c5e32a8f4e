package dev.flywheel.common.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.common.testing.RedisServerProcess;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Redis stopped and started again under a running service: nothing crashes and nothing is lost. */
@QuarkusTest
@TestProfile(RedisOutageTest.PrivateRedis.class)
class RedisOutageTest {

    public static class PrivateRedis implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RedisServerProcess.class));
        }
    }

    @Inject
    Channels channels;

    @Inject
    EventsTestSupport support;
    @Inject
    OutboxRelay relay;
    @Inject
    StreamReader reader;
    @Inject
    RedisDataSource redis;
    @Inject
    ObjectMapper mapper;
    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisHosts;

    @Test
    void eventsWrittenWhileRedisIsDownAreRelayedWhenItIsBack() {
        int port = RedisServerProcess.portOf(redisHosts);
        given().get("/q/health/ready").then().statusCode(200);

        RedisServerProcess.stopServer(port);
        try {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ids.add(support.createWidget("outage-" + UUID.randomUUID(), false)
                        .await().atMost(Duration.ofSeconds(10)).toString());
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then()
                    .statusCode(503)
                    .body("checks.find { it.name.contains('Redis') }.status", is("DOWN")));
            given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
            assertThat(relay.backlog().await().atMost(Duration.ofSeconds(5))).isGreaterThanOrEqualTo(20L);

            RedisServerProcess.startServer(port);
            await().atMost(Duration.ofSeconds(30)).until(() -> relay.backlog().await().indefinitely() == 0L);
            Set<String> relayed = redis.stream(String.class).xrange(channels.stream("common-test"), StreamRange.of("-", "+"))
                    .stream().map(StreamMessage::payload).map(p -> p.get("envelope")).collect(Collectors.toSet());
            assertThat(ids).allSatisfy(id -> assertThat(relayed).anyMatch(envelope -> envelope.contains(id)));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then()
                    .statusCode(200).body("checks.status", hasItem("UP")));
        } finally {
            restartIfDown(port);
        }
    }

    @Test
    void aStreamReaderResumesAfterRedisRestarts() throws Exception {
        int port = RedisServerProcess.portOf(redisHosts);
        String source = "peer-" + UUID.randomUUID();
        String type = "peer.after-restart." + UUID.randomUUID();
        StreamSubscription subscription = reader.subscribe(source, "common-test", support::record);
        try {
            RedisServerProcess.stopServer(port);
            Thread.sleep(500);
            RedisServerProcess.startServer(port);
            CloudEvent event = CloudEvent.of(source, type, mapper.valueToTree(Map.of("n", 1)));
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
                redis.stream(String.class).xadd(channels.stream(source),
                        Map.of("type", type, "envelope", mapper.writeValueAsString(event)));
                return true;
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> subscription.handled() >= 1);
            assertThat(support.handledCount(type).await().atMost(Duration.ofSeconds(5))).isEqualTo(1L);
        } finally {
            subscription.stop();
            restartIfDown(port);
        }
    }

    private static void restartIfDown(int port) {
        try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
            return;
        } catch (java.io.IOException down) {
            RedisServerProcess.startServer(port);
        }
    }
}
