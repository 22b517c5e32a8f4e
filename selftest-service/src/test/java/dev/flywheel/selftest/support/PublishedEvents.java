package dev.flywheel.selftest.support;

import java.io.IOException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.common.events.Channels;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Predicate;

/** Reads this service's durable Redis stream, where the outbox relay delivers the events. */
@ApplicationScoped
public class PublishedEvents {

    private static final int LOOK_BACK = 1000;

    private final RedisDataSource redis;
    private final ObjectMapper mapper;
    private final Channels channels;

    public PublishedEvents(RedisDataSource redis, ObjectMapper mapper, Channels channels) {
        this.redis = redis;
        this.channels = channels;
        this.mapper = mapper;
    }

    /** Envelopes of the given type among the newest stream entries whose data matches. */
    public List<JsonNode> ofType(String type, Predicate<JsonNode> data) {
        List<StreamMessage<String, String, String>> recent = redis.stream(String.class)
                .xrevrange(channels.stream("selftest-service"), StreamRange.of("+", "-"), LOOK_BACK);
        return recent.stream()
                .filter(message -> type.equals(message.payload().get("type")))
                .map(message -> parse(message.payload().get("envelope")))
                .filter(envelope -> data.test(envelope.path("data")))
                .toList();
    }

    private JsonNode parse(String envelope) {
        try {
            return mapper.readTree(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
