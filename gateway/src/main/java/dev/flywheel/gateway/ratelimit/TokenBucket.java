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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Per-key token buckets kept in Redis, so every gateway replica draws from the same bucket. A replica takes a small
 * batch of tokens at once (the key's rate over {@code gateway.rate-limit.batch-window}) and spends them locally, so
 * a busy key costs one Redis call per batch rather than one per request. Unspent tokens are held, not lost: a
 * replica holds at most one batch per request that found none held while Redis answered, so a key may briefly run
 * ahead of its bucket by that much, never by more over time.
 * Rate limiting protects the services but is not worth an outage: when Redis fails or is slower than the configured
 * timeout, requests go through (fail open), Redis is asked again only after {@code fail-open-for}, and this is
 * logged once per outage.
 */
@Singleton
public class TokenBucket {

    private static final Logger LOG = Logger.getLogger(TokenBucket.class);
    /** The Lua token bucket; package-private so tests can run it against Redis directly. */
    static final String SCRIPT = load("/ratelimit/token-bucket.lua");
    private static final String SCRIPT_SHA = sha1(SCRIPT);

    private final ReactiveRedisDataSource redis;
    private final GatewayConfig.RateLimit settings;
    private final String batch;
    private final Map<String, HeldTokens> held = new ConcurrentHashMap<>();
    /** While failing open: when Redis may be asked again (nanoTime); 0 while Redis answers. */
    private final AtomicLong failingOpenUntil = new AtomicLong();

    public TokenBucket(ReactiveRedisDataSource redis, GatewayConfig config) {
        this.redis = redis;
        this.settings = config.rateLimit();
        this.batch = Long.toString(batchSize(settings.rate(), settings.burst(), settings.batchWindow()));
    }

    /** Tokens a replica takes at once: the rate over the batch window, at least one, never more than the bucket. */
    static long batchSize(double rate, int burst, Duration window) {
        long wanted = (long) Math.floor(rate * window.toNanos() / 1e9);
        return Math.max(1, Math.min(burst, wanted));
    }

    /** A decision this replica can make without Redis (a held token, a refusal still in force), or empty. */
    public Optional<RateDecision> takeHeld(String keyHash) {
        return heldFor(keyHash).decide(System.nanoTime());
    }

    /** Takes one token from the bucket of the key with this hash: from held tokens when it can, from Redis otherwise. */
    public Uni<RateDecision> take(String keyHash) {
        return takeHeld(keyHash).map(decision -> Uni.createFrom().item(decision)).orElseGet(() -> takeFromRedis(keyHash));
    }

    /** Asks Redis for a batch of the key's tokens (after {@link #takeHeld} found none) and spends one of them. */
    public Uni<RateDecision> takeFromRedis(String keyHash) {
        long openUntil = failingOpenUntil.get();
        if (openUntil != 0 && System.nanoTime() - openUntil < 0) {
            return Uni.createFrom().item(RateDecision.ALLOW);
        }
        HeldTokens tokens = heldFor(keyHash);
        return askRedis(keyHash)
                .ifNoItem().after(settings.redisTimeout()).fail()
                .map(response -> tokens.answer(response.get(0).toLong(), Duration.ofMillis(response.get(1).toLong()),
                        System.nanoTime()))
                .invoke(() -> {
                    if (failingOpenUntil.getAndSet(0) != 0) {
                        LOG.info("rate limiting is back: Redis answers again");
                    }
                })
                .onFailure().recoverWithItem(failure -> {
                    long until = System.nanoTime() + settings.failOpenFor().toNanos();
                    if (failingOpenUntil.getAndSet(until) == 0) {
                        LOG.warnf("rate limiting is off until Redis answers again (failing open): %s", failure.toString());
                    }
                    return RateDecision.ALLOW;
                });
    }

    private Uni<Response> askRedis(String keyHash) {
        String bucket = settings.keyPrefix() + keyHash;
        String rate = Double.toString(settings.rate());
        String burst = Integer.toString(settings.burst());
        // EVALSHA sends 40 bytes instead of the script; a Redis that lost its script cache gets the script again.
        return redis.execute("EVALSHA", SCRIPT_SHA, "1", bucket, rate, burst, batch)
                .onFailure(failure -> String.valueOf(failure.getMessage()).startsWith("NOSCRIPT"))
                .recoverWithUni(() -> redis.execute("EVAL", SCRIPT, "1", bucket, rate, burst, batch));
    }

    private HeldTokens heldFor(String keyHash) {
        return held.computeIfAbsent(keyHash, ignored -> new HeldTokens());
    }

    private static String load(String resource) {
        try (InputStream in = TokenBucket.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
