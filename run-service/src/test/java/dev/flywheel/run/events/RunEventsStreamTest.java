package dev.flywheel.run.events;

import static dev.flywheel.run.support.TestData.marker;
import static dev.flywheel.run.support.TestData.run;
import static dev.flywheel.run.support.TestData.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.run.support.Runs;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code GET /api/runs/{id}/events}: live progress as server-sent events. */
@QuarkusTest
class RunEventsStreamTest {

    @TestHTTPResource("/api/runs/")
    URL runs;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aRunningRunStreamsItsProgressAndTheStreamEndsWithTheRun() throws Exception {
        String runId = Runs.submit(Runs.newExperiment(),
                with(run("streamed " + marker(), "mock:m"), "params", Map.of("delay_ms", 1500)));

        List<String> data = events(runId);

        assertThat(data.get(0)).contains("\"type\":\"run.snapshot\"");
        assertThat(data).anyMatch(line -> line.contains("\"type\":\"run.stage_completed\""));
        assertThat(data.get(data.size() - 1)).contains("\"type\":\"run.completed\"").contains(runId);
    }

    @Test
    void aFinishedRunGetsItsSnapshotAndTheEnd() throws Exception {
        String runId = Runs.submit(Runs.newExperiment(), run("already done " + marker(), "mock:m"));
        Runs.awaitFinished(runId);

        List<String> data = events(runId);

        assertThat(data).hasSize(1);
        assertThat(data.get(0)).contains("\"type\":\"run.snapshot\"").contains("\"status\":\"completed\"");
    }

    @Test
    void anUnknownRunGetsAStreamThatEndsAtOnce() throws Exception {
        assertThat(events(UUID.randomUUID().toString())).isEmpty();
    }

    /** The data lines of the run's event stream, read until the server ends it. */
    private List<String> events(String runId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(runs + runId + "/events"))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(60)).build();
        HttpResponse<java.util.stream.Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/event-stream"));
        return response.body().filter(line -> line.startsWith("data:")).collect(Collectors.toList());
    }
}
