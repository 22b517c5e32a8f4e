package dev.flywheel.common.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.common.testing.PrivateRedis;
import dev.flywheel.common.testing.RelayedEvents;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Redis stopped and started again under a running service: nothing crashes and nothing is lost. */
@QuarkusTest
@TestProfile(PrivateRedis.class)
class RedisOutageTest {

    @Inject
    Channels channels;
    @Inject
    EventsTestSupport support;
    @Inject
    StreamReader reader;
    @Inject
    RedisDataSource redis;
    @Inject
    ObjectMapper mapper;

    @Test
    void eventsWrittenWhileRedisIsDownAreRelayedWhenItIsBack() {
        given().get("/q/health/ready").then().statusCode(200);

        PrivateRedis.stop();
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
            assertThat(RelayedEvents.backlog()).isGreaterThanOrEqualTo(20L);

            PrivateRedis.start();
            RelayedEvents.awaitRelayed(Duration.ofSeconds(30));
            List<String> relayed = RelayedEvents.envelopes("common-test");
            assertThat(ids).allSatisfy(id -> assertThat(relayed).anyMatch(envelope -> envelope.contains(id)));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then()
                    .statusCode(200).body("checks.status", hasItem("UP")));
        } finally {
            PrivateRedis.startIfDown();
        }
    }

    @Test
    void aStreamReaderResumesAfterRedisRestarts() throws Exception {
        String source = "peer-" + UUID.randomUUID();
        String type = "peer.after-restart." + UUID.randomUUID();
        StreamSubscription subscription = reader.subscribe(source, "common-test", support::record);
        try {
            PrivateRedis.stop();
            Thread.sleep(500);
            PrivateRedis.start();
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
            PrivateRedis.startIfDown();
        }
    }
}
