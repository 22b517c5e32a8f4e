package dev.flywheel.run.events;

import static dev.flywheel.run.support.TestData.marker;
import static dev.flywheel.run.support.TestData.pipeline;
import static dev.flywheel.run.support.TestData.run;
import static dev.flywheel.run.support.TestData.stage;
import static dev.flywheel.run.support.TestData.with;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.common.events.Channels;
import dev.flywheel.common.events.CloudEvent;
import dev.flywheel.common.testing.SseClient;
import dev.flywheel.run.support.Runs;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/runs/{id}/events} as a standard EventSource reads it (SPEC §10): snapshot first, ids and event
 * types on every event, resumption without a second snapshot, 204 after the end, 404 for an unknown run, and
 * events that reach the stream from Redis rather than from this replica's executor.
 */
@QuarkusTest
class RunEventsStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TestHTTPResource("/")
    URL base;
    @Inject
    RedisDataSource redis;
    @Inject
    Channels channels;
    @Inject
    ObjectMapper mapper;
    @Inject
    RunEventBus bus;

    @Test
    void aRunningRunStreamsASnapshotThenItsProgressAndTheStreamEndsWithTheRun() {
        String runId = Runs.submit(Runs.newExperiment(), with(run("streamed " + marker(), "mock:m"), "params",
                Map.of("delay_ms", 1500)));

        try (SseClient stream = SseClient.open(events(runId))) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
            assertThat(stream.header("Cache-Control")).contains("no-cache");
            List<SseClient.Event> events = stream.untilEnd(WAIT);

            assertThat(events.get(0).type()).isEqualTo(RunEvent.SNAPSHOT);
            assertThat(events).extracting(SseClient.Event::type).contains(RunEvent.STAGE_COMPLETED)
                    .endsWith(RunEvent.COMPLETED).doesNotHaveDuplicates();
            assertThat(json(events.get(events.size() - 1)).path("run_id").asText()).isEqualTo(runId);
            assertStrictlyAdvancing(events);
        }
    }

    @Test
    void everyEventSaysItsTypeInTheEventLineAndInItsData() {
        String runId = Runs.submit(Runs.newExperiment(), run("typed " + marker(), "mock:m"));

        try (SseClient stream = SseClient.open(events(runId))) {
            for (SseClient.Event event : stream.untilEnd(WAIT)) {
                assertThat(json(event).path("type").asText()).isEqualTo(event.type());
                assertThat(event.lastEventId()).isNotEmpty();
            }
        }
    }

    @Test
    void aFinishedRunGetsItsSnapshotAndTheEndAndAReconnectWithItsIdGets204() {
        String runId = Runs.submit(Runs.newExperiment(), run("already done " + marker(), "mock:m"));
        Runs.awaitFinished(runId);

        List<SseClient.Event> events;
        try (SseClient stream = SseClient.open(events(runId))) {
            events = stream.untilEnd(WAIT);
        }
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(RunEvent.SNAPSHOT);
            assertThat(event.lastEventId()).isEqualTo("end");
            assertThat(json(event).at("/data/status").asText()).isEqualTo("completed");
        });

        // What an EventSource does when the server closes: reconnect with the last id it saw.
        try (SseClient again = SseClient.open(events(runId), Map.of("Last-Event-ID", events.get(0).lastEventId()))) {
            assertThat(again.status()).isEqualTo(204);
        }
    }

    @Test
    void resumingWithLastEventIdSendsWhatWasMissedAndNoSecondSnapshot() {
        String runId = Runs.submit(Runs.newExperiment(), pipeline("resume " + marker(),
                with(stage("one {{ input }}", "mock:m"), "params", Map.of("delay_ms", 600)),
                with(stage("two {{ prev_output }}", "mock:m"), "params", Map.of("delay_ms", 600)),
                with(stage("three {{ prev_output }}", "mock:m"), "params", Map.of("delay_ms", 600))));

        SseClient.Event lastSeen;
        try (SseClient first = SseClient.open(events(runId))) {
            assertThat(first.next(WAIT).type()).isEqualTo(RunEvent.SNAPSHOT);
            lastSeen = first.next(WAIT);
        }
        Runs.awaitFinished(runId);

        try (SseClient resumed = SseClient.open(events(runId), Map.of("Last-Event-ID", lastSeen.lastEventId()))) {
            List<SseClient.Event> rest = resumed.untilEnd(WAIT);

            assertThat(rest).extracting(SseClient.Event::type).doesNotContain(RunEvent.SNAPSHOT).endsWith(RunEvent.COMPLETED);
            List<Integer> stages = rest.stream().filter(e -> e.type().equals(RunEvent.STAGE_COMPLETED))
                    .map(e -> json(e).at("/data/stage_index").asInt()).toList();
            int seenStages = RunPosition.parse(lastSeen.lastEventId()).stages();
            assertThat(stages).isEqualTo(java.util.stream.IntStream.range(seenStages, 3).boxed().toList());
            assertStrictlyAdvancing(rest);
        }
    }

    @Test
    void eventsPublishedByAnotherReplicaReachTheStream() {
        // A run no worker here touches (an unknown model would fail it, so it is cancelled after the stream opens):
        // the stage_completed below exists only on Redis, as another replica's relay would publish it.
        String runId = Runs.submit(Runs.newExperiment(), with(run("elsewhere " + marker(), "mock:m"), "params",
                Map.of("delay_ms", 20_000)));
        try (SseClient stream = SseClient.open(events(runId))) {
            assertThat(stream.next(WAIT).type()).isEqualTo(RunEvent.SNAPSHOT);
            JsonNode data = mapper.createObjectNode().put("run_id", runId).put("stage_index", 41).put("attempt", 99)
                    .put("model_used", "elsewhere:model");
            redis.pubsub(String.class).publish(channels.live("run-service"), envelope(RunEvent.STAGE_COMPLETED, data));

            SseClient.Event forwarded = stream.next(WAIT);
            assertThat(forwarded.type()).isEqualTo(RunEvent.STAGE_COMPLETED);
            assertThat(forwarded.lastEventId()).isEqualTo("99.42");
            assertThat(json(forwarded).at("/data/model_used").asText()).isEqualTo("elsewhere:model");
            given().post("/api/runs/{id}/cancel", runId).then().statusCode(200);
            assertThat(stream.untilEnd(WAIT)).extracting(SseClient.Event::type).containsExactly(RunEvent.CANCELLED);
        }
    }

    @Test
    void aCancelEndsTheStreamAndStopsTheRunWithinTwoSeconds() {
        String runId = Runs.submit(Runs.newExperiment(), with(run("cancel me " + marker(), "mock:m"), "params",
                Map.of("delay_ms", 30_000)));
        try (SseClient stream = SseClient.open(events(runId))) {
            awaitRunning(stream, runId);

            long start = System.nanoTime();
            given().post("/api/runs/{id}/cancel", runId).then().statusCode(200);
            SseClient.Event cancelled = stream.next(WAIT);
            long elapsedMs = Duration.ofNanos(System.nanoTime() - start).toMillis();

            assertThat(cancelled.type()).isEqualTo(RunEvent.CANCELLED);
            assertThat(cancelled.lastEventId()).isEqualTo("end");
            assertThat(elapsedMs).isLessThan(2000);
            assertThat(stream.next(WAIT)).isNull();
        }
        assertThat(Runs.awaitFinished(runId).getString("status")).isEqualTo("cancelled");
    }

    @Test
    void afterTheFeedResubscribesAStreamSendsAFreshSnapshot() {
        String runId = Runs.submit(Runs.newExperiment(), with(run("resubscribed " + marker(), "mock:m"), "params",
                Map.of("delay_ms", 20_000)));
        try (SseClient stream = SseClient.open(events(runId))) {
            awaitRunning(stream, runId);

            bus.resubscribed();

            SseClient.Event fresh = stream.next(WAIT);
            assertThat(fresh.type()).isEqualTo(RunEvent.SNAPSHOT);
            assertThat(json(fresh).at("/data/status").asText()).isEqualTo("running");
            given().post("/api/runs/{id}/cancel", runId).then().statusCode(200);
            assertThat(stream.untilEnd(WAIT)).extracting(SseClient.Event::type).containsExactly(RunEvent.CANCELLED);
        }
    }

    @Test
    void anUnknownRunIs404Problem() {
        try (SseClient stream = SseClient.open(events(UUID.randomUUID().toString()))) {
            assertThat(stream.status()).isEqualTo(404);
            assertThat(stream.header("Content-Type")).startsWith("application/problem+json");
            assertThat(stream.body()).contains("\"status\":404");
        }
    }

    @Test
    void aMalformedIdOrLastEventIdIs400NamingIt() {
        try (SseClient stream = SseClient.open(base + "api/runs/not-a-uuid/events")) {
            assertThat(stream.status()).isEqualTo(400);
            assertThat(stream.body()).contains("\"field\":\"id\"");
        }
        String runId = Runs.submit(Runs.newExperiment(), run("bad id " + marker(), "mock:m"));
        try (SseClient stream = SseClient.open(events(runId), Map.of("Last-Event-ID", "yesterday"))) {
            assertThat(stream.status()).isEqualTo(400);
            assertThat(stream.body()).contains("\"field\":\"Last-Event-ID\"");
        }
    }

    /** Reads the stream from its snapshot on until it says the run is running. */
    private void awaitRunning(SseClient stream, String runId) {
        SseClient.Event event = stream.next(WAIT);
        assertThat(event.type()).isEqualTo(RunEvent.SNAPSHOT);
        while (!event.type().equals(RunEvent.STARTED) && !"running".equals(json(event).at("/data/status").asText())) {
            event = stream.next(WAIT);
            assertThat(event).as("the stream of run %s ended before it started", runId).isNotNull();
        }
    }

    /** Every event after the first is at a later position than the one before it: the snapshot is never stale. */
    private static void assertStrictlyAdvancing(List<SseClient.Event> events) {
        for (int i = 1; i < events.size(); i++) {
            assertThat(RunPosition.parse(events.get(i).lastEventId()).isAfter(RunPosition.parse(events.get(i - 1).lastEventId())))
                    .as("event %d (%s) after %s", i, events.get(i).lastEventId(), events.get(i - 1).lastEventId()).isTrue();
        }
    }

    private String events(String runId) {
        return base + "api/runs/" + runId + "/events";
    }

    private JsonNode json(SseClient.Event event) {
        try {
            return mapper.readTree(event.data());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + event.data(), e);
        }
    }

    private String envelope(String type, JsonNode data) {
        try {
            return mapper.writeValueAsString(CloudEvent.of("run-service", type, data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
