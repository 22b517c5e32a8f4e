package dev.flywheel.common.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.common.testing.LogCapture;
import dev.flywheel.common.testing.PrivateRedis;
import dev.flywheel.common.testing.RelayedEvents;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The relay holds no transaction while it talks to Redis (SPEC §10 "Short transactions"), still delivers at least
 * once, and says in its log whether Postgres or Redis stopped it. Runs against a private Redis it may pause and stop.
 */
@QuarkusTest
@TestProfile(PrivateRedis.class)
class OutboxRelayShortClaimTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String OLDEST_IDLE_IN_TRANSACTION = "select coalesce(max(extract(epoch from"
            + " clock_timestamp() - state_change)), 0)::float8 from pg_stat_activity"
            + " where datname = current_database() and state like 'idle in transaction%'";

    @Inject
    EventsTestSupport support;
    @Inject
    RedisDataSource redis;
    @Inject
    ObjectMapper mapper;
    @Inject
    Pool pool;

    @Test
    void whileRedisIsSlowTheClaimedRowsAreMarkedAndNoTransactionIsOpen() {
        String name = "slow-redis-" + UUID.randomUUID();
        // Redis answers no write (XADD, PUBLISH) for three seconds: a relay round waits that long on it.
        redis.execute("CLIENT", "PAUSE", "3000", "WRITE");
        UUID eventId = support.createWidget(name, false).await().atMost(WAIT);

        double oldest = 0;
        long claimedSeen = 0;
        long until = System.nanoTime() + Duration.ofMillis(3500).toNanos();
        while (System.nanoTime() < until) {
            oldest = Math.max(oldest, single(OLDEST_IDLE_IN_TRANSACTION).getDouble(0));
            claimedSeen = Math.max(claimedSeen, single("select count(*) from outbox where claimed_until > now()")
                    .getLong(0));
            sleep(100);
        }

        assertThat(claimedSeen).as("outbox rows claimed while Redis was paused").isPositive();
        assertThat(oldest).as("oldest idle-in-transaction session while the relay waited, seconds").isLessThan(1.0);
        RelayedEvents.awaitRelayed(WAIT);
        assertThat(RelayedEvents.envelopes("common-test")).anyMatch(envelope -> envelope.contains(eventId.toString()));
    }

    @Test
    void rowsClaimedByARelayThatDiedAreSentOnceTheClaimExpires() throws Exception {
        CloudEvent event = CloudEvent.of("common-test", "widget.orphaned", mapper.valueToTree(Map.of("n", 1)));
        pool.preparedQuery("insert into outbox (event_id, event_type, envelope, claimed_until)"
                + " values ($1, $2, $3, now() + interval '1 hour')")
                .execute(Tuple.of(event.id(), event.type(), mapper.writeValueAsString(event))).await().atMost(WAIT);

        sleep(1000);
        assertThat(RelayedEvents.envelopes("common-test")).noneMatch(envelope -> envelope.contains(event.id().toString()));
        assertThat(RelayedEvents.backlog()).isEqualTo(1L);

        pool.preparedQuery("update outbox set claimed_until = now() - interval '1 second' where event_id = $1")
                .execute(Tuple.of(event.id())).await().atMost(WAIT);

        RelayedEvents.awaitRelayed(WAIT);
        assertThat(RelayedEvents.envelopes("common-test")).anyMatch(envelope -> envelope.contains(event.id().toString()));
    }

    @Test
    void aPostgresFailureIsLoggedAsPostgresAndItsRecoveryToo() {
        try (LogCapture log = LogCapture.open()) {
            execute("alter table outbox rename to outbox_away");
            try {
                await().atMost(WAIT).until(() -> relayLines(log).stream().anyMatch(line -> line.contains("paused")));
            } finally {
                execute("alter table outbox_away rename to outbox");
            }
            await().atMost(WAIT).until(() -> relayLines(log).stream().anyMatch(line -> line.contains("is back")));

            assertThat(relayLines(log)).filteredOn(line -> line.contains("paused")).singleElement().asString()
                    .contains("Postgres failed to claim outbox rows").doesNotContain("Redis");
            assertThat(relayLines(log)).filteredOn(line -> line.contains("is back")).singleElement().asString()
                    .contains("Postgres is back").doesNotContain("Redis");
        }
    }

    @Test
    void aRedisOutageIsLoggedAsRedisAndEventsWaitInTheOutbox() {
        try (LogCapture log = LogCapture.open()) {
            PrivateRedis.stop();
            UUID eventId;
            try {
                eventId = support.createWidget("redis-down-" + UUID.randomUUID(), false).await().atMost(WAIT);
                await().atMost(WAIT).until(() -> relayLines(log).stream().anyMatch(line -> line.contains("paused")));
                assertThat(RelayedEvents.backlog()).isPositive();
            } finally {
                PrivateRedis.start();
            }
            await().atMost(WAIT).until(() -> relayLines(log).stream().anyMatch(line -> line.contains("is back")));
            RelayedEvents.awaitRelayed(WAIT);

            assertThat(relayLines(log)).filteredOn(line -> line.contains("paused")).singleElement().asString()
                    .contains("Redis failed to take the events").doesNotContain("Postgres");
            assertThat(relayLines(log)).filteredOn(line -> line.contains("is back")).singleElement().asString()
                    .contains("Redis is back");
            assertThat(RelayedEvents.envelopes("common-test")).anyMatch(envelope -> envelope.contains(eventId.toString()));
        }
    }

    private static java.util.List<String> relayLines(LogCapture log) {
        return log.lines().stream().filter(line -> line.startsWith(OutboxRelay.class.getName())).toList();
    }

    private io.vertx.mutiny.sqlclient.Row single(String sql) {
        return pool.query(sql).execute().await().atMost(WAIT).iterator().next();
    }

    private void execute(String sql) {
        pool.query(sql).execute().await().atMost(WAIT);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
