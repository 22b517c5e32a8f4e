package dev.flywheel.common.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A private, real {@code redis-server} on a free loopback port, for tests that stop and restart Redis
 * without disturbing the shared server other tests (and a running local suite) use. Tests drive it by
 * port ({@link #stopServer(int)}, {@link #startServer(int)}): the test class and this resource live in
 * different class loaders, so no instance state is shared between them.
 */
public class RedisServerProcess implements QuarkusTestResourceLifecycleManager {

    private int port;

    @Override
    public Map<String, String> start() {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        startServer(port);
        return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + port);
    }

    @Override
    public void stop() {
        stopServer(port);
    }

    /** The port of the private server, from the Redis hosts setting the resource produced. */
    public static int portOf(String redisHosts) {
        return URI.create(redisHosts.split(",")[0]).getPort();
    }

    public static void startServer(int port) {
        try {
            Path dir = Files.createTempDirectory("flywheel-redis");
            new ProcessBuilder(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("redis-server is not installed: .ci/run and deploy/local/up.sh install it", e);
        }
        awaitListening(port);
    }

    /** Stops the server at once, as a crash would, keeping nothing. */
    public static void stopServer(int port) {
        try {
            Process shutdown = new ProcessBuilder("redis-cli", "-p", String.valueOf(port), "shutdown", "nosave")
                    .redirectErrorStream(true).start();
            shutdown.getInputStream().readAllBytes();
            shutdown.waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("redis-cli is not installed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitListening(int port) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                sleep();
            }
        }
        throw new IllegalStateException("redis-server on port " + port + " did not start");
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
