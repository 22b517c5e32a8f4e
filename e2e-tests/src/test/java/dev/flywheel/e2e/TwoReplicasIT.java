package dev.flywheel.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.common.testing.SseClient;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Live events across replicas (SPEC §10) with two processes of the packaged run-service jar, as production runs
 * them: replica A executes every run (B's worker is off, so where a run executes is certain) and every stream is
 * read from B with a standard-conformant SSE client. Own database, Redis prefix and a 1 s heartbeat.
 */
class TwoReplicasIT {

    private static final String DATABASE = Suite.DATABASE + "_replicas";
    private static final String PREFIX = "flywheel-e2e-replicas-" + UUID.randomUUID();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Process> PROCESSES = new ArrayList<>();
    private static String a;
    private static String b;
    private static Path logA;

    @BeforeAll
    static void startReplicas() throws Exception {
        Path root = Path.of(System.getProperty("flywheel.root", ".."));
        Path jar = root.resolve("run-service/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run ./mvnw verify from the root, which packages it first");
        }
        Path logs = Files.createDirectories(Path.of("target", "e2e-logs"));
        Suite.recreateDatabase(DATABASE);
        // A first, alone: it creates the schema, so B never races it for the Flyway migration.
        logA = logs.resolve("replica-a.log");
        a = start(jar, "replica-a", true, logA);
        b = start(jar, "replica-b", false, logs.resolve("replica-b.log"));
    }

    @AfterAll
    static void stopReplicas() throws InterruptedException {
        PROCESSES.forEach(Process::destroy);
        for (Process process : PROCESSES) {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static String start(Path jar, String name, boolean worker, Path log) throws Exception {
        int port = Suite.freePort();
        ProcessBuilder builder = new ProcessBuilder("java", "-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toAbsolutePath().toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://" + Suite.pgHost() + ":" + Suite.pgPort() + "/" + DATABASE);
        env.put("QUARKUS_DATASOURCE_USERNAME", Suite.pgUser());
        env.put("QUARKUS_REDIS_HOSTS", "redis://127.0.0.1:" + Suite.redisPort() + "/" + Suite.REDIS_DB);
        env.put("FLYWHEEL_EVENTS_PREFIX", PREFIX);
        env.put("RUN_WORKER_ENABLED", String.valueOf(worker));
        env.put("RUN_EVENTS_HEARTBEAT", "1s");
        env.put("RUN_PROVIDERS_OPENAI_BASE_URL", FakeOpenAi.get().baseUrl());
        env.put("RUN_PROVIDERS_OPENAI_API_KEY", "e2e");
        env.put("HOSTNAME", name);
        Process process = builder.start();
        PROCESSES.add(process);
        String url = "http://127.0.0.1:" + port;
        Suite.awaitReady(name, url, process, log);
        return url;
    }

    @Test
    void aRunExecutedOnAIsStreamedFromBToItsEnd() {
        String experiment = experiment(a);
        String run = submit(a, experiment, pipeline("[400ms] one", "[400ms] two", "[400ms] three"));

        try (SseClient stream = SseClient.open(b + "/api/runs/" + run + "/events")) {
            assertThat(stream.status()).isEqualTo(200);
            List<SseClient.Event> events = stream.untilEnd(WAIT);

            assertThat(events.get(0).type()).isEqualTo("run.snapshot");
            assertThat(events).extracting(SseClient.Event::type).endsWith("run.completed");
            assertThat(events).extracting(SseClient.Event::lastEventId).doesNotHaveDuplicates();
            long stages = events.stream().filter(e -> e.type().equals("run.stage_completed")).count();
            long stagesInSnapshot = json(events.get(0)).at("/data/stages").size();
            assertThat(stages + stagesInSnapshot).isEqualTo(3);
            assertThat(events).allSatisfy(event -> assertThat(event.lastEventId()).isNotEmpty());
        }
        assertThat(given().get(b + "/api/runs/{id}", run).then().extract().<String>path("status")).isEqualTo("completed");
    }

    @Test
    void aCancelThroughBStopsTheRunOnAWithinTwoSeconds() throws Exception {
        String experiment = experiment(a);
        String run = submit(a, experiment, single("[slow] cancel me"));
        await().atMost(WAIT).until(() -> "running".equals(given().get(a + "/api/runs/{id}", run).then().extract().path("status")));

        try (SseClient stream = SseClient.open(b + "/api/runs/" + run + "/events")) {
            assertThat(stream.next(WAIT).type()).isEqualTo("run.snapshot");
            long start = System.nanoTime();
            given().post(b + "/api/runs/{id}/cancel", run).then().statusCode(200);

            List<SseClient.Event> rest = stream.untilEnd(WAIT);
            assertThat(rest).extracting(SseClient.Event::type).endsWith("run.cancelled");
            await().atMost(Duration.ofSeconds(2).minus(Duration.ofNanos(System.nanoTime() - start)))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> Files.readString(logA).contains("run " + run + " was cancelled: stopping it"));
            long elapsedMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertThat(elapsedMs).as("cancel through B until A stopped the run").isLessThan(2000);
        }
    }

    @Test
    void aStreamFromBResumesWithLastEventIdWithoutASecondSnapshot() {
        String experiment = experiment(a);
        String run = submit(a, experiment, pipeline("[600ms] one", "[600ms] two", "[600ms] three", "[600ms] four"));

        SseClient.Event last;
        try (SseClient stream = SseClient.open(b + "/api/runs/" + run + "/events")) {
            assertThat(stream.next(WAIT).type()).isEqualTo("run.snapshot");
            last = stream.next(WAIT);
        }
        try (SseClient resumed = SseClient.open(b + "/api/runs/" + run + "/events", Map.of("Last-Event-ID", last.lastEventId()))) {
            List<SseClient.Event> rest = resumed.untilEnd(WAIT);
            assertThat(rest).extracting(SseClient.Event::type).doesNotContain("run.snapshot").endsWith("run.completed");
            assertThat(rest).extracting(SseClient.Event::lastEventId).doesNotContain(last.lastEventId());
        }
    }

    @Test
    void afterTheEndAReconnectIs204AndAnUnknownRunIs404() {
        String run = submit(a, experiment(a), single("quick"));
        List<SseClient.Event> events;
        try (SseClient stream = SseClient.open(b + "/api/runs/" + run + "/events")) {
            events = stream.untilEnd(WAIT);
        }
        String lastId = events.get(events.size() - 1).lastEventId();
        try (SseClient again = SseClient.open(b + "/api/runs/" + run + "/events", Map.of("Last-Event-ID", lastId))) {
            assertThat(again.status()).isEqualTo(204);
        }
        try (SseClient unknown = SseClient.open(b + "/api/runs/" + UUID.randomUUID() + "/events")) {
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        }
    }

    @Test
    void anExperimentStreamOnBFollowsABatchOnAUntilIdleWithHeartbeats() {
        String experiment = experiment(a);
        // Submitted first: an experiment with nothing pending or running is idle, and its stream would end at once.
        given().contentType(ContentType.JSON).body(Map.of("prompts", List.of("[1500ms] {{ input }}"),
                "models", List.of("openai:fake"), "inputs", List.of("a", "b", "c", "d"), "cache", false))
                .post(a + "/api/experiments/{id}/runs:batch", experiment).then().statusCode(202);
        try (SseClient stream = SseClient.open(b + "/api/experiments/" + experiment + "/events?until=idle")) {
            assertThat(stream.next(WAIT).type()).isEqualTo("experiment.snapshot");
            List<SseClient.Event> events = stream.untilEnd(WAIT);
            JsonNode last = json(events.get(events.size() - 1));
            assertThat(last.at("/counts/completed").asInt()).isEqualTo(4);
            assertThat(last.at("/counts/running").asInt() + last.at("/counts/pending").asInt()).isZero();
            // One heartbeat a second was configured; the stream lasted over a second.
            assertThat(stream.comments()).contains("heartbeat");
        }
    }

    private static String experiment(String replica) {
        return given().contentType(ContentType.JSON).body(Map.of("name", "replicas " + UUID.randomUUID()))
                .post(replica + "/api/experiments").then().statusCode(201).extract().path("id");
    }

    private static String submit(String replica, String experiment, Map<String, Object> config) {
        return given().contentType(ContentType.JSON).body(config).post(replica + "/api/experiments/{id}/runs", experiment)
                .then().statusCode(202).extract().path("id");
    }

    private static Map<String, Object> single(String prompt) {
        return Map.of("prompt", prompt, "model", "openai:fake", "cache", false);
    }

    private static Map<String, Object> pipeline(String... prompts) {
        List<Map<String, Object>> stages = new ArrayList<>();
        for (String prompt : prompts) {
            stages.add(Map.of("prompt_template", prompt, "model", "openai:fake"));
        }
        return Map.of("pipeline_stages", stages, "cache", false);
    }

    private static JsonNode json(SseClient.Event event) {
        try {
            return JSON.readTree(event.data());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + event.data(), e);
        }
    }
}
