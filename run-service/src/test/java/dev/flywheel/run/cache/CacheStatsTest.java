package dev.flywheel.run.cache;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import dev.flywheel.run.RunServiceConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/cache/stats} and {@code DELETE /api/cache} across replicas, with counters that are not one hot
 * row (SPEC §10 "Short transactions"). The second replica is a second ResponseCache on its own connection pool.
 */
@QuarkusTest
class CacheStatsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ResponseCache cache;
    @Inject
    Pool pool;
    @Inject
    Vertx vertx;
    @Inject
    RunServiceConfig config;
    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;
    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    private Pool otherPool;
    private ResponseCache otherReplica;

    @BeforeEach
    void emptyCacheAndSecondReplica() {
        given().delete("/api/cache").then().statusCode(204);
        otherPool = PgBuilder.pool().with(new PoolOptions().setMaxSize(8))
                .connectingTo(PgConnectOptions.fromUri(url).setUser(user).addProperty("search_path", "runs"))
                .using(vertx).build();
        otherReplica = new ResponseCache(otherPool, config);
    }

    @AfterEach
    void closeSecondReplica() {
        otherPool.close().await().atMost(WAIT);
    }

    @Test
    void statsCountEveryLookupOfEveryReplicaUnderConcurrency() {
        String stored = "stored-" + UUID.randomUUID();
        cache.store(stored, new CachedResponse("an answer", "echo:any", 1, 2, 3)).await().atMost(WAIT);

        // 400 lookups at once, half on each replica, one in four a hit.
        Multi.createFrom().range(0, 400)
                .onItem().transformToUniAndMerge(i -> (i % 2 == 0 ? cache : otherReplica)
                        .lookup(i % 4 == 0 ? stored : "absent-" + i))
                .collect().asList().await().atMost(WAIT);

        given().get("/api/cache/stats").then().statusCode(200)
                .body("total_entries", is(1))
                .body("hits", is(100))
                .body("misses", is(300))
                .body("hit_rate", is(0.25f));
    }

    @Test
    void lookupsAreCountedOnManyRowsNotOne() {
        Multi.createFrom().range(0, 200)
                .onItem().transformToUniAndMerge(i -> cache.lookup("absent-" + i))
                .collect().asList().await().atMost(WAIT);

        long rows = pool.query("select count(*) from cache_counter_stripes where hits + misses > 0").execute()
                .await().atMost(WAIT).iterator().next().getLong(0);
        assertThat(rows).as("counter rows touched by 200 lookups").isGreaterThan(10)
                .isLessThanOrEqualTo(config.cache().counterStripes());
    }

    @Test
    void deletingTheCacheResetsTheCountsOfEveryReplica() {
        String stored = "stored-" + UUID.randomUUID();
        otherReplica.store(stored, new CachedResponse("an answer", "echo:any", 1, 2, 3)).await().atMost(WAIT);
        for (int i = 0; i < 20; i++) {
            otherReplica.lookup(i % 2 == 0 ? stored : "absent").await().atMost(WAIT);
        }
        given().get("/api/cache/stats").then().statusCode(200).body("hits", is(10)).body("misses", is(10));

        given().delete("/api/cache").then().statusCode(204);

        given().get("/api/cache/stats").then().statusCode(200)
                .body("total_entries", is(0)).body("hits", is(0)).body("misses", is(0)).body("$", hasKey("hit_rate")).body("hit_rate", nullValue())
                .body("storage_size_bytes", is(0));
        assertThat(otherReplica.lookup(stored).await().atMost(WAIT)).isEmpty();
        given().get("/api/cache/stats").then().statusCode(200).body("misses", is(1));
    }
}
