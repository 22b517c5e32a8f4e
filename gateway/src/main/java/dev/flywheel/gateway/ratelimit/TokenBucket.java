package dev.flywheel.gateway.ratelimit;

import dev.flywheel.gateway.GatewayConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Per-key token buckets kept in Redis, so every gateway replica draws from the same bucket. Rate limiting
 * protects the services but is not worth an outage: when Redis fails or is slower than the configured timeout,
 * requests go through (fail open) and this is logged once per outage, not once per request.
 */
@Singleton
public class TokenBucket {

    private static final Logger LOG = Logger.getLogger(TokenBucket.class);
    private static final String SCRIPT = load("/ratelimit/token-bucket.lua");

    private final ReactiveRedisDataSource redis;
    private final GatewayConfig.RateLimit settings;
    private final AtomicBoolean failingOpen = new AtomicBoolean();

    public TokenBucket(ReactiveRedisDataSource redis, GatewayConfig config) {
        this.redis = redis;
        this.settings = config.rateLimit();
    }

    /** Takes one token from the bucket of the key with this hash. */
    public Uni<RateDecision> take(String keyHash) {
        return redis.execute("EVAL", SCRIPT, "1", settings.keyPrefix() + keyHash,
                        Double.toString(settings.rate()), Integer.toString(settings.burst()))
                .ifNoItem().after(settings.redisTimeout()).fail()
                .map(TokenBucket::decision)
                .invoke(() -> {
                    if (failingOpen.compareAndSet(true, false)) {
                        LOG.info("rate limiting is back: Redis answers again");
                    }
                })
                .onFailure().recoverWithItem(failure -> {
                    if (failingOpen.compareAndSet(false, true)) {
                        LOG.warnf("rate limiting is off until Redis answers again (failing open): %s", failure.toString());
                    }
                    return RateDecision.ALLOW;
                });
    }

    private static RateDecision decision(Response response) {
        boolean allowed = response.get(0).toLong() == 1L;
        return allowed ? RateDecision.ALLOW : new RateDecision(false, Duration.ofMillis(response.get(1).toLong()));
    }

    private static String load(String resource) {
        try (InputStream in = TokenBucket.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
