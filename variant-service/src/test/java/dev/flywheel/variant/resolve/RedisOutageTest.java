package dev.flywheel.variant.resolve;

import static dev.flywheel.variant.TestData.createAgent;
import static dev.flywheel.variant.TestData.createVariant;
import static dev.flywheel.variant.TestData.variant;
import static dev.flywheel.variant.TestData.with;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.common.events.Channels;
import dev.flywheel.common.events.CloudEvent;
import dev.flywheel.common.testing.PrivateRedis;
import dev.flywheel.common.testing.RelayedEvents;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Redis stopped and started under the running service (SPEC §2): changes and resolution keep working,
 * the queued {@code variant.changed} events go out afterwards, and the eviction subscription comes back.
 */
@QuarkusTest
@TestProfile(RedisOutageTest.QuickResubscribe.class)
class RedisOutageTest {

    public static class QuickResubscribe extends PrivateRedis {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("variant.resolution.resubscribe-delay", "200ms", "variant.performance.ingest-enabled", "false");
        }
    }

    @Inject
    Channels channels;
    @Inject
    RedisDataSource redis;
    @Inject
    ObjectMapper mapper;
    @Inject
    Pool pool;

    @Test
    void changesAndResolutionWorkWhileRedisIsDownAndEvictionEventsFlowAgainAfterwards() throws Exception {
        String agentId = createAgent();
        String variantId = createVariant(agentId, with(variant("during outage"), "model_name", "outage-model"));

        PrivateRedis.stop();
        try {
            given().post("/api/agents/{a}/variants/{v}/activate", agentId, variantId).then().statusCode(200);
            given().get("/api/agents/{a}/resolved-config", agentId).then().statusCode(200)
                    .body("variant_id", is(variantId)).body("model_name", is("outage-model"));
        } finally {
            PrivateRedis.start();
        }
        RelayedEvents.awaitRelayed(Duration.ofSeconds(30));

        // The subscription must be live again: an eviction from "another replica" is heard.
        pool.preparedQuery("update agent_variants set model_name = 'changed-elsewhere' where id = $1")
                .execute(Tuple.of(UUID.fromString(variantId))).await().atMost(Duration.ofSeconds(5));
        String envelope = mapper.writeValueAsString(CloudEvent.of("variant-service", "variant.changed",
                mapper.valueToTree(Map.of("agent_id", agentId, "action", "update"))));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            redis.pubsub(String.class).publish(channels.live("variant-service"), envelope);
            given().get("/api/agents/{a}/resolved-config", agentId).then().body("model_name", is("changed-elsewhere"));
        });
    }

}
