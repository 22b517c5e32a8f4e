package dev.flywheel.gateway.routing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A run-service stand-in that streams like the real one, which WireMock cannot: {@code /api/runs/beating/events}
 * sends an event, then a comment heartbeat every 300 ms for 3 s, then a last event and the end, flushing each. The
 * gateway's idle timeout is set to 1 s, shorter than the stream.
 */
public class StreamingRunService implements QuarkusTestResourceLifecycleManager {

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/api/runs/beating/events", exchange -> stream(exchange, 10, 300));
        server.start();
        return Map.of("gateway.upstreams.run", "http://127.0.0.1:" + server.getAddress().getPort(),
                "gateway.client.idle-timeout", "1s");
    }

    private static void stream(HttpExchange exchange, int beats, long pauseMs) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            write(out, "id: 0.0\nevent: run.snapshot\ndata: {\"n\":0}\n\n");
            for (int i = 0; i < beats; i++) {
                Thread.sleep(pauseMs);
                write(out, ": heartbeat\n\n");
            }
            write(out, "id: end\nevent: run.completed\ndata: {\"n\":1}\n\n");
        } catch (IOException | InterruptedException gone) {
            // the gateway or its client went away: the test then fails on what it did not receive
        } finally {
            exchange.close();
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void stop() {
        server.stop(0);
    }
}
