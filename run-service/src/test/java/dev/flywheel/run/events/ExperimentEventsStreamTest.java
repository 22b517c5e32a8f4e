package dev.flywheel.run.events;

import static dev.flywheel.run.support.TestData.marker;
import static dev.flywheel.run.support.TestData.run;
import static dev.flywheel.run.support.TestData.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.common.testing.SseClient;
import dev.flywheel.run.stream.CountingExperimentProgress;
import dev.flywheel.run.support.Runs;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@code GET /api/experiments/{id}/events}: every run's status changes with the counts, open-ended or until idle. */
@QuarkusTest
class ExperimentEventsStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Set<String> STATUS_EVENTS = Set.of(RunEvent.STARTED, RunEvent.COMPLETED, RunEvent.FAILED,
            RunEvent.CANCELLED);

    @TestHTTPResource("/")
    URL base;
    @Inject
    ObjectMapper mapper;
    @Inject
    RunEventBus bus;
    @Inject
    Pool pool;
    @Inject
    CountingExperimentProgress progress;

    @Test
    void untilIdleStreamsEveryRunsStatusChangesWithCountsAndEndsWhenNothingIsLeft() {
        String experimentId = Runs.newExperiment();
        List<String> runIds = List.of(
                Runs.submit(experimentId, with(run("a " + marker(), "mock:m"), "params", Map.of("delay_ms", 1500))),
                Runs.submit(experimentId, with(run("b " + marker(), "mock:m"), "params", Map.of("delay_ms", 1500))),
                Runs.submit(experimentId, run("c " + marker(), "mock:fail")));

        List<SseClient.Event> events;
        try (SseClient stream = SseClient.open(events(experimentId) + "?until=idle")) {
            events = stream.untilEnd(WAIT);
        }

        assertThat(events.get(0).type()).isEqualTo("experiment.snapshot");
        assertThat(json(events.get(0)).at("/data/runs")).hasSize(3);
        assertThat(events.subList(1, events.size())).extracting(SseClient.Event::type).allMatch(STATUS_EVENTS::contains);
        JsonNode last = json(events.get(events.size() - 1));
        JsonNode counts = last.has("counts") ? last.path("counts") : last.at("/data/counts");
        assertThat(counts).isEqualTo(mapper.valueToTree(
                Map.of("pending", 0, "running", 0, "completed", 2, "failed", 1, "cancelled", 0)));
        // Every run's end is on the stream unless the snapshot already had it.
        Set<String> endedInSnapshot = endedIn(events.get(0));
        Set<String> endedOnStream = events.stream().skip(1).map(this::json).filter(e -> !e.path("status").asText()
                .equals("running")).map(e -> e.path("run_id").asText()).collect(Collectors.toSet());
        assertThat(union(endedInSnapshot, endedOnStream)).containsExactlyInAnyOrderElementsOf(runIds);
        assertIdsNeverDecrease(events);

        try (SseClient again = SseClient.open(events(experimentId) + "?until=idle",
                Map.of("Last-Event-ID", events.get(events.size() - 1).lastEventId()))) {
            assertThat(again.status()).isEqualTo(204);
        }
    }

    /**
     * The database is idle before the last run's end reaches this replica: the stream sends that end from the
     * database, with its stored time as its id, so resuming from the stream's last id finds nothing missed.
     */
    @Test
    void anEndReadFromTheDatabaseCarriesItsTimeSoResumingAfterTheStreamIs204() {
        String experimentId = Runs.newExperiment();
        UUID heard = insertRunning(experimentId);
        UUID unheard = insertRunning(experimentId);

        try (SseClient stream = SseClient.open(events(experimentId) + "?until=idle")) {
            assertThat(stream.next(WAIT).type()).isEqualTo("experiment.snapshot");
            complete(heard);
            Instant heardAt = Instant.now();
            complete(unheard);
            bus.publish(new RunEvent(RunEvent.COMPLETED, UUID.randomUUID(), heard, UUID.fromString(experimentId), heardAt,
                    RunPosition.END, mapper.createObjectNode().put("run_id", heard.toString())));

            List<SseClient.Event> events = stream.untilEnd(WAIT);
            assertThat(events).map(this::json).map(event -> event.path("run_id").asText())
                    .containsExactly(heard.toString(), unheard.toString());
            assertThat(Long.parseLong(events.get(1).lastEventId())).isGreaterThan(micros(heardAt));

            try (SseClient again = SseClient.open(events(experimentId) + "?until=idle",
                    Map.of("Last-Event-ID", events.get(1).lastEventId()))) {
                assertThat(again.status()).isEqualTo(204);
            }
        }
    }

    /** A pending run has neither started nor ended: the snapshot counts it all the same (it once failed the stream). */
    @Test
    void theSnapshotOfAnExperimentWithAPendingRunCountsIt() {
        String experimentId = Runs.newExperiment();
        UUID pending = UUID.randomUUID();
        // Out of attempts, so no worker claims it and it stays pending while the stream is read.
        pool.preparedQuery("insert into runs (id, experiment_id, config, config_hash, status, attempt) values ($1, $2,"
                + " '{}'::jsonb, 'hash', 'pending', 1000)").execute(Tuple.of(pending, UUID.fromString(experimentId)))
                .await().atMost(WAIT);

        try (SseClient stream = SseClient.open(events(experimentId) + "?until=idle")) {
            SseClient.Event snapshot = stream.next(WAIT);
            assertThat(snapshot.type()).isEqualTo("experiment.snapshot");
            assertThat(json(snapshot).at("/data/counts/pending").asInt()).isEqualTo(1);
            assertThat(json(snapshot).at("/data/runs/0/status").asText()).isEqualTo("pending");
            assertThat(stream.ended()).isFalse();
        } finally {
            // Left behind, it would be a pending run forever in a database other test classes wait to see drained.
            pool.preparedQuery("delete from runs where id = $1").execute(Tuple.of(pending)).await().atMost(WAIT);
        }
    }

    /** Events that arrive together go out with one read of the counts, not one each: a batch makes two per run. */
    @Test
    void aBurstOfEventsCostsOneCountNotOnePerEvent() {
        String experimentId = Runs.newExperiment();
        List<UUID> runs = IntStream.range(0, 100).mapToObj(i -> insertRunning(experimentId)).toList();

        try (SseClient stream = SseClient.open(events(experimentId))) {
            assertThat(stream.next(WAIT).type()).isEqualTo("experiment.snapshot");
            int before = progress.countQueries();
            runs.forEach(this::complete);
            runs.forEach(run -> bus.publish(new RunEvent(RunEvent.COMPLETED, UUID.randomUUID(), run,
                    UUID.fromString(experimentId), Instant.now(), RunPosition.END,
                    mapper.createObjectNode().put("run_id", run.toString()))));

            List<JsonNode> events = IntStream.range(0, runs.size()).mapToObj(i -> json(stream.next(WAIT)))
                    .toList();
            assertThat(events).map(event -> event.path("run_id").asText())
                    .containsExactlyElementsOf(runs.stream().map(UUID::toString).toList());
            assertThat(events.get(events.size() - 1).at("/counts/completed").asInt()).isEqualTo(runs.size());
            assertThat(progress.countQueries() - before).isBetween(1, 20);
        }
    }

    @Test
    void anOpenEndedStreamOfAnEmptyExperimentStaysOpenAndHearsALaterBatch() {
        String experimentId = Runs.newExperiment();
        try (SseClient stream = SseClient.open(events(experimentId))) {
            SseClient.Event snapshot = stream.next(WAIT);
            assertThat(snapshot.type()).isEqualTo("experiment.snapshot");
            assertThat(json(snapshot).at("/data/counts/pending").asInt()).isZero();

            String runId = Runs.submit(experimentId, run("later " + marker(), "mock:m"));

            SseClient.Event event;
            do {
                event = stream.next(WAIT);
            } while (!event.type().equals(RunEvent.COMPLETED));
            assertThat(json(event).path("run_id").asText()).isEqualTo(runId);
            assertThat(json(event).at("/counts/completed").asInt()).isEqualTo(1);
            assertThat(stream.ended()).isFalse();
        }
    }

    @Test
    void resumingWithLastEventIdSendsTheRunsThatChangedAndNoSecondSnapshot() {
        String experimentId = Runs.newExperiment();
        String lastId;
        try (SseClient stream = SseClient.open(events(experimentId))) {
            lastId = stream.next(WAIT).lastEventId();
        }
        String runId = Runs.submit(experimentId, run("while away " + marker(), "mock:m"));
        Runs.awaitFinished(runId);

        try (SseClient resumed = SseClient.open(events(experimentId) + "?until=idle", Map.of("Last-Event-ID", lastId))) {
            List<SseClient.Event> events = resumed.untilEnd(WAIT);

            assertThat(events).extracting(SseClient.Event::type).doesNotContain("experiment.snapshot")
                    .contains(RunEvent.COMPLETED);
            assertThat(events).map(this::json).anySatisfy(event -> {
                assertThat(event.path("run_id").asText()).isEqualTo(runId);
                assertThat(event.path("status").asText()).isEqualTo("completed");
                assertThat(event.at("/counts/completed").asInt()).isEqualTo(1);
            });
        }
    }

    @Test
    void anUnknownExperimentIs404AndABadUntilIs400() {
        try (SseClient stream = SseClient.open(events(UUID.randomUUID().toString()))) {
            assertThat(stream.status()).isEqualTo(404);
            assertThat(stream.header("Content-Type")).startsWith("application/problem+json");
        }
        try (SseClient stream = SseClient.open(events(Runs.newExperiment()) + "?until=forever")) {
            assertThat(stream.status()).isEqualTo(400);
            assertThat(stream.body()).contains("\"field\":\"until\"");
        }
    }

    // Held by a replica that is not this one, so no worker here claims it.
    private UUID insertRunning(String experimentId) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("insert into runs (id, experiment_id, config, config_hash, status, attempt, lease_owner,"
                + " lease_until, started_at) values ($1, $2, '{}'::jsonb, 'hash', 'running', 1, 'elsewhere',"
                + " now() + interval '1 hour', now())").execute(Tuple.of(id, UUID.fromString(experimentId)))
                .await().atMost(WAIT);
        return id;
    }

    private void complete(UUID runId) {
        pool.preparedQuery("update runs set status = 'completed', completed_at = clock_timestamp(), lease_owner = null,"
                + " lease_until = null where id = $1").execute(Tuple.of(runId)).await().atMost(WAIT);
    }

    private static long micros(Instant time) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, time);
    }

    private static void assertIdsNeverDecrease(List<SseClient.Event> events) {
        List<Long> ids = events.stream().map(e -> Long.parseLong(e.lastEventId())).toList();
        assertThat(ids).isSorted();
    }

    private Set<String> endedIn(SseClient.Event snapshot) {
        Set<String> ended = new java.util.HashSet<>();
        json(snapshot).at("/data/runs").forEach(run -> {
            if (Set.of("completed", "failed", "cancelled").contains(run.path("status").asText())) {
                ended.add(run.path("run_id").asText());
            }
        });
        return ended;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private String events(String experimentId) {
        return base + "api/experiments/" + experimentId + "/events";
    }

    private JsonNode json(SseClient.Event event) {
        try {
            return mapper.readTree(event.data());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + event.data(), e);
        }
    }
}
