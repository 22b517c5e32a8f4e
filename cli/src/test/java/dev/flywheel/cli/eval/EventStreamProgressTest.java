package dev.flywheel.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.flywheel.cli.api.ApiClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A connection that goes quiet (no event, no heartbeat) is taken for dead and the stream resumed from its last id. */
class EventStreamProgressTest {

    private static final UUID EXPERIMENT = UUID.randomUUID();

    private HttpServer server;
    private ExecutorService threads;
    private final List<String> lastEventIds = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch stop = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        threads = Executors.newCachedThreadPool();
        server.setExecutor(threads);
        server.createContext("/api/experiments/" + EXPERIMENT + "/events", this::events);
        server.start();
    }

    @AfterEach
    void stop() {
        stop.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

    @Test
    void aSilentConnectionIsReplacedByAResumptionFromTheLastEvent() throws Exception {
        ApiClient client = new ApiClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), null);
        List<Progress> seen = new ArrayList<>();
        long started = System.nanoTime();
        try (EventStreamProgress progress = new EventStreamProgress(client, EXPERIMENT, Duration.ofMillis(300))) {
            Progress now;
            do {
                now = progress.next();
                seen.add(now);
            } while (!now.done(2));
        }

        assertThat(lastEventIds).containsExactly("-", "11");
        assertThat(seen).extracting(Progress::ended).containsExactly(0, 1, 2);
        assertThat(seen.get(2)).isEqualTo(new Progress(2, 0, 0, 1, 1, 0));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    private void events(HttpExchange exchange) throws IOException {
        String lastEventId = exchange.getRequestHeaders().getFirst("Last-Event-ID");
        lastEventIds.add(lastEventId == null ? "-" : lastEventId);
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        if (lastEventId == null) {
            write(exchange, event(10, "experiment.snapshot", "{\"data\":{\"counts\":{\"pending\":2,\"running\":0,"
                    + "\"completed\":0,\"failed\":0,\"cancelled\":0}}}")
                    + event(11, "run.completed", "{\"status\":\"completed\",\"counts\":{\"pending\":1,\"running\":0,"
                            + "\"completed\":1,\"failed\":0,\"cancelled\":0}}"));
            try {
                // Open and quiet, like a connection whose peer vanished.
                stop.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            write(exchange, event(12, "run.failed", "{\"status\":\"failed\",\"counts\":{\"pending\":0,\"running\":0,"
                    + "\"completed\":1,\"failed\":1,\"cancelled\":0}}"));
        }
        exchange.close();
    }

    private static void write(HttpExchange exchange, String text) throws IOException {
        exchange.getResponseBody().write(text.getBytes(StandardCharsets.UTF_8));
        exchange.getResponseBody().flush();
    }

    private static String event(long id, String type, String data) {
        return "id: " + id + "\nevent: " + type + "\ndata: " + data + "\n\n";
    }
}
