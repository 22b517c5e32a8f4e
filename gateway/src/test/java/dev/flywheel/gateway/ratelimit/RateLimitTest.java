package dev.flywheel.gateway.ratelimit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.flywheel.gateway.GatewayTestSupport.fake;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import dev.flywheel.gateway.FakeServices;
import dev.flywheel.gateway.auth.ApiKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Per-key token buckets in the real Redis (test database 1), with a small bucket so tests can empty it. The Redis
 * timeout is raised so that a loaded machine cannot turn a slow answer into a fail-open pass.
 */
@QuarkusTest
@WithTestResource(FakeServices.class)
@TestProfile(RateLimitTest.SmallBuckets.class)
class RateLimitTest {

    /** Fresh keys on every run, so buckets left in Redis by an earlier run never matter. */
    static final List<String> KEYS = Stream.generate(() -> "rl-" + UUID.randomUUID()).limit(6).toList();

    public static class SmallBuckets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "gateway.api-keys", KEYS.stream().map(k -> ApiKeys.hash(k) + ":read+write").collect(Collectors.joining(",")),
                    "gateway.rate-limit.rate", "0.2",
                    "gateway.rate-limit.burst", "3",
                    "gateway.rate-limit.redis-timeout", "20s");
        }
    }

    @Inject
    TokenBucket buckets;

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void servicesAnswerOk() {
        fake("variant").register(any(urlPathMatching("/.*")).willReturn(aResponse().withStatus(200).withBody("{}")));
    }

    private static Response call(String key) {
        return given().header("Authorization", "Bearer " + key).get("/api/agents");
    }

    @Test
    void aKeyGetsItsBurstThenA429ProblemWithRetryAfter() {
        String key = KEYS.get(0);
        for (int i = 0; i < 3; i++) {
            call(key).then().statusCode(200);
        }
        // The bucket refills one token per 5 s: one of the next requests is refused unless the machine stalled.
        List<Integer> statuses = new ArrayList<>();
        Response refused = null;
        for (int i = 0; i < 5 && refused == null; i++) {
            Response response = call(key);
            statuses.add(response.statusCode());
            refused = response.statusCode() == 429 ? response : null;
        }
        assertThat(refused).as("statuses after the burst: %s", statuses).isNotNull();
        refused.then().contentType(startsWith("application/problem+json"))
                .body("status", org.hamcrest.Matchers.is(429))
                .body("detail", containsString("retry after"));
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 5);
    }

    @Test
    void anEmptyBucketDoesNotLimitOtherKeys() {
        String busy = KEYS.get(1);
        for (int i = 0; i < 6; i++) {
            call(busy);
        }
        call(busy).then().statusCode(429);
        call(KEYS.get(2)).then().statusCode(200);
    }

    @Test
    void healthAndStaticAssetsAreNeverLimited() {
        String key = KEYS.get(3);
        for (int i = 0; i < 6; i++) {
            call(key);
        }
        call(key).then().statusCode(429);
        for (int i = 0; i < 10; i++) {
            given().header("Authorization", "Bearer " + key).get("/q/health/ready").then().statusCode(200);
            given().header("Authorization", "Bearer " + key).get("/static/flywheel.css").then().statusCode(200);
        }
    }

    @Test
    void theUiIsLimitedByTheSameBucketAsTheApi() {
        String key = KEYS.get(4);
        for (int i = 0; i < 6; i++) {
            call(key);
        }
        given().redirects().follow(false).cookie("flywheel_key", key).get("/ui/agents/new").then().statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void theBucketRefillsAtTheConfiguredRateAndExpiresFromRedis() throws InterruptedException {
        String hash = ApiKeys.hash(KEYS.get(5));
        for (int i = 0; i < 3; i++) {
            assertThat(take(hash).allowed()).isTrue();
        }
        RateDecision empty = take(hash);
        assertThat(empty.allowed()).isFalse();
        assertThat(empty.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(5));

        Thread.sleep(empty.retryAfter().toMillis() + 300);
        assertThat(take(hash).allowed()).as("a token is back after Retry-After").isTrue();

        long ttl = redis.key().pttl("flywheel:ratelimit:" + hash);
        // A full bucket is reached after burst / rate = 15 s; the key lives a second longer, never forever.
        assertThat(ttl).isBetween(1L, 16_000L);
    }

    @Test
    void theScriptGrantsWhatIsWantedUpToWhatTheBucketHolds() {
        String bucket = "flywheel:ratelimit:script-" + UUID.randomUUID();
        assertThat(eval(bucket, 5)).as("a full bucket of 3 grants 3 of 5 wanted").containsExactly(3L, 0L);
        List<Long> empty = eval(bucket, 5);
        assertThat(empty.get(0)).isZero();
        assertThat(empty.get(1)).as("ms until a token is due at 0.2/s").isBetween(1L, 5_000L);
    }

    @Test
    void aRedisThatLostItsScriptCacheIsSentTheScriptAgain() {
        String hash = ApiKeys.hash("script-flushed-" + UUID.randomUUID());
        assertThat(take(hash).allowed()).isTrue();
        redis.execute("SCRIPT", "FLUSH");
        String other = ApiKeys.hash("script-flushed-" + UUID.randomUUID());

        assertThat(take(other).allowed()).isTrue();
        assertThat(redis.key().exists("flywheel:ratelimit:" + other)).as("the bucket was taken from in Redis").isTrue();
    }

    private List<Long> eval(String bucket, int wanted) {
        var answer = redis.execute("EVAL", TokenBucket.SCRIPT, "1", bucket, "0.2", "3",
                Integer.toString(wanted));
        return List.of(answer.get(0).toLong(), answer.get(1).toLong());
    }

    private RateDecision take(String hash) {
        return buckets.take(hash).await().atMost(Duration.ofSeconds(60));
    }
}
