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
            Process process = new ProcessBuilder(List.of("redis-server", "--port", String.valueOf(port),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile())
                    .start();
            Files.writeString(pidFile(port), Long.toString(process.pid()));
        } catch (IOException e) {
            throw new IllegalStateException("redis-server is not installed: .ci/run and deploy/local/up.sh install it", e);
        }
        awaitListening(port);
    }

    /**
     * Kills the server at once, as a crash would, keeping nothing. Only a server this class started is ever
     * touched: a port that came from anywhere else (say, an environment variable overriding the test
     * resource) must never take the shared Redis down.
     */
    public static void stopServer(int port) {
        Path pidFile = pidFile(port);
        if (!Files.exists(pidFile)) {
            throw new IllegalStateException("no private redis-server was started on port " + port);
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle.of(pid).ifPresent(process -> {
                process.destroyForcibly();
                process.onExit().join();
            });
            Files.delete(pidFile);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path pidFile(int port) {
        return Path.of(System.getProperty("java.io.tmpdir"), "flywheel-test-redis-" + port + ".pid");
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
