package dev.flywheel.common.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import dev.flywheel.common.context.SafeContext;
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

@QuarkusTest
class OutboxRelayTest {

    @Inject
    Channels channels;

    @Inject
    EventsTestSupport support;
    @Inject
    OutboxRelay relay;
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

            List<StreamMessage<String, String, String>> entries = redis.stream(String.class)
                    .xrange(channels.stream("common-test"), io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"));
            assertThat(entries).anySatisfy(entry -> {
                assertThat(entry.payload()).containsEntry("type", "widget.created");
                assertThat(entry.payload().get("envelope")).contains(eventId.toString());
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> relay.backlog().await().indefinitely() == 0L);
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
        String stream = channels.stream("common-test");
        // A later committed event proves the relay ran past the point where the rolled-back one would be.
        String marker = "after-" + UUID.randomUUID();
        support.createWidget(marker, false).await().atMost(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> streamContains(stream, marker));
        assertThat(streamContains(stream, name)).isFalse();
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

            String stream = channels.stream("common-test");
            await().atMost(Duration.ofSeconds(20)).until(() -> widgetNames(streamEnvelopes(stream), batch).size() == names.size());
            assertThat(widgetNames(streamEnvelopes(stream), batch)).containsExactlyElementsOf(names);
            await().atMost(Duration.ofSeconds(10)).until(() -> widgetNames(heard, batch).size() == names.size());
            assertThat(widgetNames(heard, batch)).containsExactlyElementsOf(names);
        } finally {
            subscriber.unsubscribe();
        }
    }

    private List<String> streamEnvelopes(String stream) {
        return redis.stream(String.class).xrange(stream, io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"))
                .stream().map(entry -> entry.payload().get("envelope")).toList();
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

    private boolean streamContains(String stream, String text) {
        return redis.stream(String.class).xrange(stream, io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"))
                .stream().map(StreamMessage::payload).map(Map::toString).anyMatch(p -> p.contains(text));
    }
}
