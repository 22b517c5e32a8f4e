package dev.flywheel.gateway.routing;

import static dev.flywheel.gateway.GatewayTestSupport.READ_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.common.testing.SseClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Server-sent events through the gateway (SPEC §10): each event reaches the client as the service sends it (not when
 * the stream ends), comment heartbeats pass through, and a stream that lasts longer than the gateway's idle timeout
 * (1 s here) is not cut while they flow.
 */
@QuarkusTest
@TestProfile(SseThroughGatewayTest.StreamingUpstream.class)
class SseThroughGatewayTest {

    public static class StreamingUpstream implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StreamingRunService.class));
        }
    }

    @TestHTTPResource("/api/runs/")
    URL runs;

    @Test
    void eventsPassUnbufferedAndHeartbeatsKeepTheStreamPastTheIdleTimeout() {
        long opened = System.nanoTime();
        try (SseClient stream = SseClient.open(runs + "beating/events", Map.of("Authorization", READ_KEY))) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("Content-Type")).startsWith("text/event-stream");

            SseClient.Event first = stream.next(Duration.ofSeconds(10));
            long firstMs = Duration.ofNanos(System.nanoTime() - opened).toMillis();
            List<SseClient.Event> rest = stream.untilEnd(Duration.ofSeconds(20));
            long totalMs = Duration.ofNanos(System.nanoTime() - opened).toMillis();

            assertThat(first.type()).isEqualTo("run.snapshot");
            assertThat(firstMs).as("the first event arrives long before the 3 s stream ends").isLessThan(2000);
            assertThat(rest).extracting(SseClient.Event::type).containsExactly("run.completed");
            assertThat(rest.get(0).lastEventId()).isEqualTo("end");
            assertThat(stream.comments()).hasSize(10).containsOnly("heartbeat");
            assertThat(totalMs).as("the stream outlived the 1 s idle timeout").isGreaterThan(2500);
        }
    }
}
