package dev.flywheel.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.gateway.auth.ApiKeys;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A "Redis" that accepts connections and never answers: the limiter gives up after its short timeout. */
@QuarkusTest
@WithTestResource(RateLimitSlowRedisTest.SilentRedis.class)
class RateLimitSlowRedisTest {

    public static class SilentRedis implements QuarkusTestResourceLifecycleManager {

        private ServerSocket server;
        private final List<Socket> held = new ArrayList<>();

        @Override
        public Map<String, String> start() {
            try {
                server = new ServerSocket(0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        held.add(server.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "silent-redis");
            acceptor.setDaemon(true);
            acceptor.start();
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + server.getLocalPort(),
                    "quarkus.redis.timeout", "120s",
                    "gateway.rate-limit.redis-timeout", "200ms");
        }

        @Override
        public void stop() {
            try {
                server.close();
                for (Socket socket : held) {
                    socket.close();
                }
            } catch (IOException ignored) {
                // the test JVM is ending; nothing is left to release
            }
        }
    }

    @Inject
    TokenBucket buckets;

    @Test
    void aRedisThatDoesNotAnswerInTimeLetsTheRequestThrough() {
        long started = System.nanoTime();
        RateDecision decision = buckets.take(ApiKeys.hash("slow")).await().atMost(Duration.ofSeconds(90));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(decision.allowed()).isTrue();
        // The limiter's timeout is 200 ms and the Redis client's 120 s: only the limiter's can explain an answer
        // within a minute, however loaded the machine is.
        assertThat(took).isLessThan(Duration.ofSeconds(60));
    }
}
