package dev.flywheel.common.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StreamReaderTest {

    @Inject
    Channels channels;

    @Inject
    StreamReader reader;
    @Inject
    EventsTestSupport support;
    @Inject
    RedisDataSource redis;
    @Inject
    ObjectMapper mapper;

    @Test
    void eachEventIsHandledOnceAndAcknowledgedAfterTheHandlerCommits() throws Exception {
        String source = "peer-" + UUID.randomUUID();
        String type = "peer.done." + UUID.randomUUID();
        StreamSubscription subscription = reader.subscribe(source, "common-test", support::record);
        try {
            for (int i = 0; i < 5; i++) {
                append(source, type);
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> subscription.handled() == 5);
            assertThat(support.handledCount(type).await().atMost(Duration.ofSeconds(5))).isEqualTo(5L);
            assertThat(pending(source)).isZero();
        } finally {
            subscription.stop();
        }
    }

    @Test
    void aFailingHandlerIsRetriedAndTheEntryStaysPendingUntilItSucceeds() throws Exception {
        String source = "peer-" + UUID.randomUUID();
        String type = "peer.flaky." + UUID.randomUUID();
        AtomicInteger attempts = new AtomicInteger();
        AtomicBoolean healed = new AtomicBoolean();
        StreamSubscription subscription = reader.subscribe(source, "common-test", event -> {
            attempts.incrementAndGet();
            return healed.get() ? support.record(event)
                    : Uni.createFrom().failure(new IllegalStateException("transaction failed"));
        });
        try {
            append(source, type);
            await().atMost(Duration.ofSeconds(15)).until(() -> attempts.get() >= 2);
            assertThat(pending(source)).isEqualTo(1L);
            assertThat(subscription.handled()).isZero();

            healed.set(true);
            await().atMost(Duration.ofSeconds(15)).until(() -> subscription.handled() == 1);
            assertThat(support.handledCount(type).await().atMost(Duration.ofSeconds(5))).isEqualTo(1L);
            assertThat(pending(source)).isZero();
        } finally {
            subscription.stop();
        }
    }

    @Test
    void anEntryThatKeepsFailingGoesToTheDeadLetterStreamAndTheReaderMovesOn() throws Exception {
        String source = "peer-" + UUID.randomUUID();
        String poison = "peer.poison." + UUID.randomUUID();
        String fine = "peer.fine." + UUID.randomUUID();
        StreamSubscription subscription = reader.subscribe(source, "common-test", event -> event.type().equals(poison)
                ? Uni.createFrom().failure(new IllegalStateException("cannot handle"))
                : support.record(event));
        try {
            String poisonId = append(source, poison);
            append(source, fine);
            await().atMost(Duration.ofSeconds(15)).until(() -> subscription.handled() == 1);
            assertThat(support.handledCount(fine).await().atMost(Duration.ofSeconds(5))).isEqualTo(1L);
            assertThat(redis.stream(String.class).xrange(channels.deadLetter("common-test"), StreamRange.of("-", "+")))
                    .anySatisfy(entry -> assertThat(entry.payload().get("envelope")).contains(poisonId));
            assertThat(pending(source)).isZero();
        } finally {
            subscription.stop();
        }
    }

    @Test
    void anEntryThatIsNotAnEnvelopeIsDeadLetteredNotRetriedForever() {
        String source = "peer-" + UUID.randomUUID();
        StreamSubscription subscription = reader.subscribe(source, "common-test", support::record);
        try {
            redis.stream(String.class).xadd(channels.stream(source), Map.of("envelope", "{not json"));
            await().atMost(Duration.ofSeconds(15)).until(() -> pending(source) == 0
                    && redis.stream(String.class).xlen(channels.stream(source)) == 1);
            await().atMost(Duration.ofSeconds(15)).until(() -> redis.stream(String.class)
                    .xrange(channels.deadLetter("common-test"), StreamRange.of("-", "+")).stream()
                    .anyMatch(entry -> entry.payload().get("envelope").equals("{not json")));
        } finally {
            subscription.stop();
        }
    }

    private String append(String source, String type) throws Exception {
        CloudEvent event = CloudEvent.of(source, type, mapper.valueToTree(Map.of("run_id", UUID.randomUUID())));
        redis.stream(String.class).xadd(channels.stream(source),
                Map.of("type", type, "envelope", mapper.writeValueAsString(event)));
        return event.id().toString();
    }

    private long pending(String source) {
        return redis.stream(String.class).xpending(channels.stream(source), "common-test").getPendingCount();
    }
}
