package dev.flywheel.common.testing;

import static org.awaitility.Awaitility.await;

import dev.flywheel.common.events.Channels;
import dev.flywheel.common.events.OutboxRelay;
import io.quarkus.arc.Arc;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a test reads back of the events a service sent through its outbox: the relay's backlog and what reached a
 * service's Redis stream. Looks the service's own beans up in the running application.
 */
public final class RelayedEvents {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private RelayedEvents() {
    }

    /** Events in the outbox that the relay has not sent yet. */
    public static long backlog() {
        return Arc.container().instance(OutboxRelay.class).get().backlog().await().atMost(WAIT);
    }

    /** Waits until the relay has sent every event in the outbox. */
    public static void awaitRelayed(Duration within) {
        await().atMost(within).until(() -> backlog() == 0L);
    }

    /** The entries of a source's stream (their {@code type} and {@code envelope} fields), oldest first. */
    public static List<Map<String, String>> entries(String source) {
        RedisDataSource redis = Arc.container().instance(RedisDataSource.class).get();
        String stream = Arc.container().instance(Channels.class).get().stream(source);
        return redis.stream(String.class).xrange(stream, StreamRange.of("-", "+")).stream()
                .map(StreamMessage::payload).toList();
    }

    /** The envelopes (CloudEvents as JSON) in a source's stream, oldest first. */
    public static List<String> envelopes(String source) {
        return entries(source).stream().map(entry -> entry.get("envelope")).toList();
    }
}
