package dev.flywheel.common.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.net.Socket;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A Redis server of the test class's own ({@link RedisServerProcess}), which its tests may stop, pause and start
 * without disturbing any other test: {@code @TestProfile(PrivateRedis.class)}, or a subclass that adds config.
 * The static helpers act on the server the running application is connected to.
 */
public class PrivateRedis implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RedisServerProcess.class));
    }

    /** The port of the application's Redis. */
    public static int port() {
        return RedisServerProcess.portOf(ConfigProvider.getConfig().getValue("quarkus.redis.hosts", String.class));
    }

    /** Kills the server at once, as a crash would. */
    public static void stop() {
        RedisServerProcess.stopServer(port());
    }

    /** Starts the server again on the same port, empty. */
    public static void start() {
        RedisServerProcess.startServer(port());
    }

    public static boolean isUp() {
        try (Socket ignored = new Socket("127.0.0.1", port())) {
            return true;
        } catch (IOException down) {
            return false;
        }
    }

    /** For a {@code finally}: a test that failed half-way leaves the server running for the next one. */
    public static void startIfDown() {
        if (!isUp()) {
            start();
        }
    }
}
