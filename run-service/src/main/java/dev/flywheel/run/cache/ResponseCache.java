package dev.flywheel.run.cache;

import dev.flywheel.run.RunServiceConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The response cache in Postgres, shared by every replica. Only successful calls are stored; an entry
 * is served until it expires; hits and misses are counted for the stats endpoint, each lookup on a counter
 * stripe picked at random so that concurrent lookups on every replica do not queue behind one row lock
 * (SPEC §10 "Short transactions"). The stats are the sum over the stripes: over every replica.
 */
@ApplicationScoped
public class ResponseCache {

    static final String LOOKUP = "select response, model, tokens_in, tokens_out, latency_ms from response_cache"
            + " where config_hash = $1 and expires_at > now()";
    static final String STORE = "insert into response_cache"
            + " (config_hash, response, model, tokens_in, tokens_out, latency_ms, expires_at)"
            + " values ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7))"
            + " on conflict (config_hash) do update set response = excluded.response, model = excluded.model,"
            + " tokens_in = excluded.tokens_in, tokens_out = excluded.tokens_out, latency_ms = excluded.latency_ms,"
            + " created_at = now(), expires_at = excluded.expires_at";
    static final String COUNT_HIT = "insert into cache_counter_stripes (stripe, hits) values ($1, 1)"
            + " on conflict (stripe) do update set hits = cache_counter_stripes.hits + 1";
    static final String COUNT_MISS = "insert into cache_counter_stripes (stripe, misses) values ($1, 1)"
            + " on conflict (stripe) do update set misses = cache_counter_stripes.misses + 1";
    static final String STATS = "select (select count(*) from response_cache where expires_at > now()) as entries,"
            + " (select coalesce(sum(octet_length(response)), 0) from response_cache where expires_at > now()) as bytes,"
            + " (select coalesce(sum(hits), 0) from cache_counter_stripes)::bigint as hits,"
            + " (select coalesce(sum(misses), 0) from cache_counter_stripes)::bigint as misses";
    static final String CLEAR = "delete from response_cache";
    static final String RESET_COUNTERS = "delete from cache_counter_stripes";
    static final String PURGE = "delete from response_cache where expires_at <= now()";

    private final Pool pool;
    private final RunServiceConfig.Cache config;

    public ResponseCache(Pool pool, RunServiceConfig config) {
        this.pool = pool;
        this.config = config.cache();
    }

    /** A valid entry for the key, counted as a hit, or empty, counted as a miss. */
    public Uni<Optional<CachedResponse>> lookup(String key) {
        return pool.preparedQuery(LOOKUP).execute(Tuple.of(key)).chain(rows -> {
            Optional<CachedResponse> found = rows.size() == 0 ? Optional.empty() : Optional.of(toResponse(rows.iterator().next()));
            return pool.preparedQuery(found.isPresent() ? COUNT_HIT : COUNT_MISS)
                    .execute(Tuple.of(ThreadLocalRandom.current().nextInt(config.counterStripes()))).replaceWith(found);
        });
    }

    public Uni<Void> store(String key, CachedResponse response) {
        return pool.preparedQuery(STORE).execute(Tuple.from(new Object[] { key, response.response(), response.model(),
                response.tokensIn(), response.tokensOut(), response.latencyMs(), (double) config.ttl().toSeconds() }))
                .replaceWithVoid();
    }

    public Uni<CacheStats> stats() {
        return pool.query(STATS).execute().map(rows -> {
            Row row = rows.iterator().next();
            long hits = row.getLong("hits");
            long misses = row.getLong("misses");
            // No lookup is no data, not a rate of 0: a 0 would say every lookup missed.
            Double rate = hits + misses == 0 ? null : (double) hits / (hits + misses);
            return new CacheStats(row.getLong("entries"), hits, misses, rate, row.getLong("bytes"));
        });
    }

    /** Removes every entry and starts the counters again, for every replica. */
    public Uni<Void> clear() {
        return pool.withTransaction(connection -> connection.query(CLEAR).execute()
                .chain(() -> connection.query(RESET_COUNTERS).execute())).replaceWithVoid();
    }

    @Scheduled(every = "${run.cache.purge-interval}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purgeExpired() {
        return pool.query(PURGE).execute().replaceWithVoid();
    }

    private static CachedResponse toResponse(Row row) {
        return new CachedResponse(row.getString("response"), row.getString("model"), row.getInteger("tokens_in"),
                row.getInteger("tokens_out"), row.getLong("latency_ms"));
    }
}
