package dev.flywheel.variant.performance;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.common.events.Channels;
import dev.flywheel.common.events.CloudEvent;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Plays run-service in the ingestion tests: appends run outcome events to its real Redis stream, and reads what the
 * service recorded of them from its performance log.
 */
@ApplicationScoped
public class RunEvents {

    /** How long ingestion may take to record an event on a loaded machine. */
    private static final Duration INGESTION = Duration.ofSeconds(30);

    private final RedisDataSource redis;
    private final ObjectMapper mapper;
    private final Channels channels;
    private final Pool pool;

    public RunEvents(RedisDataSource redis, ObjectMapper mapper, Channels channels, Pool pool) {
        this.redis = redis;
        this.channels = channels;
        this.mapper = mapper;
        this.pool = pool;
    }

    /** Data of a run outcome as the run event contract defines it. */
    public ObjectNode outcome(String agentId, String variantId, boolean success, long durationMs, long tokensIn,
            long tokensOut, Double meanScore) {
        ObjectNode data = mapper.createObjectNode();
        data.put("run_id", UUID.randomUUID().toString());
        data.put("experiment_id", UUID.randomUUID().toString());
        data.put("agent_id", agentId);
        data.put("variant_id", variantId);
        data.put("status", success ? "completed" : "failed");
        data.put("success", success);
        data.put("duration_ms", durationMs);
        data.put("tokens_in", tokensIn);
        data.put("tokens_out", tokensOut);
        data.put("mean_score", meanScore);
        data.put("error", success ? null : "stage 0 failed");
        return data;
    }

    public CloudEvent event(String type, ObjectNode data, Instant time) {
        return new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID(), "run-service", type, time, "application/json",
                data);
    }

    /** XADDs the envelope to {@code flywheel.stream.run-service}, as run-service's outbox relay does. */
    public void append(CloudEvent event) {
        try {
            redis.stream(String.class).xadd(channels.stream("run-service"),
                    Map.of("type", event.type(), "envelope", mapper.writeValueAsString(event)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public CloudEvent completed(String agentId, String variantId, long durationMs, Double meanScore) {
        CloudEvent event = event("run.completed", outcome(agentId, variantId, true, durationMs, 10, 20, meanScore),
                Instant.now());
        append(event);
        return event;
    }

    /** How many rows of the performance log the event left: 1 once recorded, 0 while not (or when dropped). */
    public long recorded(CloudEvent event) {
        return pool.preparedQuery("select count(*) from agent_performance_log where event_id = $1")
                .execute(Tuple.of(event.id())).await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
    }

    /** Waits until every one of the events is recorded once. */
    public void awaitRecorded(Collection<CloudEvent> events) {
        await().atMost(INGESTION).until(() -> events.stream().allMatch(event -> recorded(event) == 1));
    }

    public void awaitRecorded(CloudEvent... events) {
        awaitRecorded(List.of(events));
    }
}
