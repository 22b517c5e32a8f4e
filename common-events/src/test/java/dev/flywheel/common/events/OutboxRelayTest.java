package dev.flywheel.common.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.common.context.SafeContext;
import dev.flywheel.common.testing.RelayedEvents;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The relay against the shared Redis: what is committed reaches the live channel and the stream, in order. */
@QuarkusTest
class OutboxRelayTest {

    @Inject
    Channels channels;
    @Inject
    EventsTestSupport support;
    @Inject
    RedisDataSource redis;
    @Inject
    ObjectMapper mapper;
    @Inject
    Outbox outbox;
    @Inject
    Pool pool;
    @Inject
    Vertx vertx;

    @Test
    void aCommittedEventIsPublishedLiveAndAppendedToTheStream() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        var subscriber = redis.pubsub(String.class).subscribeToPattern(channels.allLive(), (java.util.function.Consumer<String>) heard::add);
        String name = "relay-" + UUID.randomUUID();
        try {
            UUID eventId = support.createWidget(name, false).await().atMost(Duration.ofSeconds(10));

            await().atMost(Duration.ofSeconds(10)).until(() -> heard.stream().anyMatch(m -> m.contains(name)));
            CloudEvent live = mapper.readValue(heard.stream().filter(m -> m.contains(name)).findFirst().orElseThrow(),
                    CloudEvent.class);
            assertThat(live.id()).isEqualTo(eventId);
            assertThat(live.specversion()).isEqualTo("1.0");
            assertThat(live.source()).isEqualTo("common-test");
            assertThat(live.type()).isEqualTo("widget.created");
            assertThat(live.datacontenttype()).isEqualTo("application/json");
            assertThat(live.time()).isNotNull();
            assertThat(live.data().get("widget_name").asText()).isEqualTo(name);

            assertThat(RelayedEvents.entries("common-test")).anySatisfy(entry -> {
                assertThat(entry).containsEntry("type", "widget.created");
                assertThat(entry.get("envelope")).contains(eventId.toString());
            });
            RelayedEvents.awaitRelayed(Duration.ofSeconds(10));
        } finally {
            subscriber.unsubscribe();
        }
    }

    @Test
    void aRolledBackChangeAnnouncesNothing() {
        String name = "rollback-" + UUID.randomUUID();
        try {
            support.createWidget(name, true).await().atMost(Duration.ofSeconds(10));
        } catch (IllegalStateException expected) {
            // the transaction rolled back
        }
        // A later committed event proves the relay ran past the point where the rolled-back one would be.
        String marker = "after-" + UUID.randomUUID();
        support.createWidget(marker, false).await().atMost(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> streamContains(marker));
        assertThat(streamContains(name)).isFalse();
    }

    @Test
    void eventsAppendedTogetherReachTheStreamAndTheLiveChannelInOutboxOrder() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        var subscriber = redis.pubsub(String.class).subscribeToPattern(channels.allLive(), (java.util.function.Consumer<String>) heard::add);
        String batch = "batch-" + UUID.randomUUID();
        // More events than one relay round takes, so the order has to hold across rounds too.
        List<String> names = IntStream.range(0, 250).mapToObj(i -> batch + "-" + i).toList();
        try {
            List<UUID> appended = SafeContext.run(vertx, () -> pool.withTransaction(connection -> outbox.appendAll(
                    connection, "widget.created", names.stream().map(name -> Map.of("widget_name", name)).toList())))
                    .await().atMost(Duration.ofSeconds(10));
            assertThat(appended).hasSize(names.size());

            await().atMost(Duration.ofSeconds(20)).until(() -> widgetNames(RelayedEvents.envelopes("common-test"), batch)
                    .size() == names.size());
            assertThat(widgetNames(RelayedEvents.envelopes("common-test"), batch)).containsExactlyElementsOf(names);
            await().atMost(Duration.ofSeconds(10)).until(() -> widgetNames(heard, batch).size() == names.size());
            assertThat(widgetNames(heard, batch)).containsExactlyElementsOf(names);
        } finally {
            subscriber.unsubscribe();
        }
    }

    private List<String> widgetNames(List<String> envelopes, String batch) throws Exception {
        List<String> names = new java.util.ArrayList<>();
        for (String envelope : envelopes) {
            String name = mapper.readValue(envelope, CloudEvent.class).data().path("widget_name").asText();
            if (name.startsWith(batch)) {
                names.add(name);
            }
        }
        return names;
    }

    private static boolean streamContains(String text) {
        return RelayedEvents.entries("common-test").stream().map(Map::toString).anyMatch(p -> p.contains(text));
    }
}
