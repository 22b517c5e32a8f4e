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
 * a busy key costs one Redis call per batch rather than one per request: requests that find no token held while a
 * call for the key is under way wait for its batch instead of asking again. Unspent tokens are held, not lost.
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

    private static final Uni<RateDecision> ALLOW = Uni.createFrom().item(RateDecision.ALLOW);

    private final ReactiveRedisDataSource redis;
    private final GatewayConfig.RateLimit settings;
    private final String batch;
    private final String rate;
    private final String burst;
    private final Map<String, HeldTokens> held = new ConcurrentHashMap<>();
    /** While failing open: when Redis may be asked again (nanoTime); 0 while Redis answers. */
    private final AtomicLong failingOpenUntil = new AtomicLong();

    public TokenBucket(ReactiveRedisDataSource redis, GatewayConfig config) {
        this.redis = redis;
        this.settings = config.rateLimit();
        this.batch = Long.toString(batchSize(settings.rate(), settings.burst(), settings.batchWindow()));
        this.rate = Double.toString(settings.rate());
        this.burst = Integer.toString(settings.burst());
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

    /**
     * Takes one of the key's tokens from a batch fetched from Redis (after {@link #takeHeld} found none): the batch
     * under way if there is one, a new one otherwise; when the batch is spent before this request's turn, the next.
     */
    public Uni<RateDecision> takeFromRedis(String keyHash) {
        long openUntil = failingOpenUntil.get();
        if (openUntil != 0 && System.nanoTime() - openUntil < 0) {
            return ALLOW;
        }
        HeldTokens tokens = heldFor(keyHash);
        return tokens.batch(() -> fetchBatch(keyHash, tokens)).flatMap(answered -> {
            if (!answered) {
                return ALLOW;
            }
            Optional<RateDecision> decision = tokens.decide(System.nanoTime());
            return decision.isPresent() ? Uni.createFrom().item(decision.get()) : takeFromRedis(keyHash);
        });
    }

    /** One Redis call for a batch of the key's tokens, held in {@code tokens}; {@code false} when failing open. */
    private Uni<Boolean> fetchBatch(String keyHash, HeldTokens tokens) {
        return askRedis(keyHash)
                .ifNoItem().after(settings.redisTimeout()).fail()
                .map(response -> {
                    tokens.refill(response.get(0).toLong(), Duration.ofMillis(response.get(1).toLong()), System.nanoTime());
                    return true;
                })
                .invoke(() -> {
                    if (failingOpenUntil.getAndSet(0) != 0) {
                        LOG.info("rate limiting is back: Redis answers again");
                    }
                })
                .onFailure().recoverWithItem(failure -> {
                    tokens.unanswered();
                    long until = System.nanoTime() + settings.failOpenFor().toNanos();
                    if (failingOpenUntil.getAndSet(until) == 0) {
                        LOG.warnf("rate limiting is off until Redis answers again (failing open): %s", failure.toString());
                    }
                    return false;
                });
    }

    private Uni<Response> askRedis(String keyHash) {
        String bucket = settings.keyPrefix() + keyHash;
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
