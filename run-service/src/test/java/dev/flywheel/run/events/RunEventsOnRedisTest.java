package dev.flywheel.run.events;

import static dev.flywheel.run.support.TestData.marker;
import static dev.flywheel.run.support.TestData.run;
import static dev.flywheel.run.support.TestData.scorer;
import static dev.flywheel.run.support.TestData.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.common.events.Channels;
import dev.flywheel.run.support.Runs;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Run events leave through the outbox to Redis: ports seed 002's test_redis_publish. */
@QuarkusTest
class RunEventsOnRedisTest {

    @Inject
    Channels channels;

    @Inject
    RedisDataSource redis;
    @Inject
    ObjectMapper mapper;

    @Test
    @DisplayName("seed test_redis_publish: run events reach run-service's durable stream as CloudEvents")
    void aCompletedRunsEventsReachTheStreamWithTheContractData() throws Exception {
        String runId = Runs.submit(Runs.newExperiment(), with(run("to redis " + marker(), "mock:m"), "scorers",
                List.of(scorer("fixed", "a", "value", 0.4), scorer("fixed", "b", "value", 0.8))));
        Runs.awaitFinished(runId);

        JsonNode completed = await().atMost(Duration.ofSeconds(30)).until(() -> find(runId, "run.completed"), Optional::isPresent)
                .orElseThrow();
        assertThat(completed.get("specversion").asText()).isEqualTo("1.0");
        assertThat(completed.get("source").asText()).isEqualTo("run-service");
        JsonNode data = completed.get("data");
        assertThat(data.get("run_id").asText()).isEqualTo(runId);
        assertThat(data.get("status").asText()).isEqualTo("completed");
        assertThat(data.get("success").asBoolean()).isTrue();
        assertThat(data.get("tokens_in").asInt()).isEqualTo(10);
        assertThat(data.get("tokens_out").asInt()).isEqualTo(5);
        assertThat(data.get("mean_score").asDouble()).isEqualTo(0.6, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(data.has("agent_id")).isTrue();
        assertThat(data.get("agent_id").isNull()).isTrue();
        assertThat(data.has("variant_id")).isTrue();
        assertThat(data.get("error").isNull()).isTrue();
        assertThat(data.get("duration_ms").isNumber()).isTrue();
        assertThat(find(runId, "run.started")).isPresent();
        assertThat(find(runId, "run.stage_completed")).isPresent();
    }

    @Test
    void aFailedRunAnnouncesRunFailedWithItsError() {
        String runId = Runs.submit(Runs.newExperiment(), run("to redis failing " + marker(), "mock:fail"));
        Runs.awaitFinished(runId);

        JsonNode failed = await().atMost(Duration.ofSeconds(30)).until(() -> find(runId, "run.failed"), Optional::isPresent)
                .orElseThrow();
        assertThat(failed.get("data").get("success").asBoolean()).isFalse();
        assertThat(failed.get("data").get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("data").get("error").asText()).contains("LLM endpoint down");
        assertThat(failed.get("data").get("mean_score").isNull()).isTrue();
    }

    private Optional<JsonNode> find(String runId, String type) throws Exception {
        List<StreamMessage<String, String, String>> all = redis.stream(String.class)
                .xrange(channels.stream("run-service"), StreamRange.of("-", "+"));
        for (StreamMessage<String, String, String> message : all) {
            if (type.equals(message.payload().get("type"))) {
                JsonNode envelope = mapper.readTree(message.payload().get("envelope"));
                if (runId.equals(envelope.path("data").path("run_id").asText())) {
                    return Optional.of(envelope);
                }
            }
        }
        return Optional.empty();
    }
}
