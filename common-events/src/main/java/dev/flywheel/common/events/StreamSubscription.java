package dev.flywheel.common.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * One consumer-group reader of one stream. It first re-reads its own pending entries (delivered, not yet
 * acknowledged: a handler failed or the process stopped mid-way), then blocks for new ones; now and then
 * it takes over entries that a vanished consumer left pending. An entry is acknowledged only after its
 * handler succeeded; one that keeps failing goes to the dead-letter stream after {@code max-deliveries}.
 */
public final class StreamSubscription {

    private static final Logger LOG = Logger.getLogger(StreamSubscription.class);
    private static final String NEW_ENTRIES = ">";
    private static final String OWN_PENDING = "0";

    private final ReactiveStreamCommands<String, String, String> streams;
    private final String stream;
    private final String group;
    private final String deadLetter;
    private final String consumer;
    private final EventsConfig.Consumer config;
    private final ObjectMapper mapper;
    private final Vertx vertx;
    private final EventHandler handler;
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final AtomicLong handled = new AtomicLong();
    private volatile boolean running;
    private volatile boolean readPending = true;
    private volatile boolean healthy = true;
    private long lastClaim;

    StreamSubscription(ReactiveStreamCommands<String, String, String> streams, String stream, String deadLetter, String group,
            String consumer, EventsConfig.Consumer config, ObjectMapper mapper, Vertx vertx, EventHandler handler) {
        this.streams = streams;
        this.stream = stream;
        this.group = group;
        this.deadLetter = deadLetter;
        this.consumer = consumer;
        this.config = config;
        this.mapper = mapper;
        this.vertx = vertx;
        this.handler = handler;
    }

    void start() {
        running = true;
        lastClaim = System.currentTimeMillis();
        ensureGroup().subscribe().with(ignored -> loop(), this::pauseThenRestart);
    }

    /** Stops reading after the current round. */
    public void stop() {
        running = false;
    }

    /** Entries handled and acknowledged so far. */
    public long handled() {
        return handled.get();
    }

    private void loop() {
        if (!running) {
            return;
        }
        round().subscribe().with(ignored -> loop(), this::pauseThenRestart);
    }

    private Uni<Void> round() {
        return claimAbandoned()
                .chain(() -> readPending ? read(OWN_PENDING, false) : read(NEW_ENTRIES, true))
                .chain(this::handleAll)
                .invoke(() -> {
                    if (!healthy) {
                        healthy = true;
                        LOG.infof("stream reader %s/%s resumed", stream, group);
                    }
                });
    }

    private Uni<List<StreamMessage<String, String, String>>> read(String from, boolean block) {
        XReadGroupArgs args = new XReadGroupArgs().count(config.batchSize());
        if (block) {
            args.block(config.block());
        }
        return streams.xreadgroup(group, consumer, stream, from, args).map(messages -> {
            List<StreamMessage<String, String, String>> read = messages == null ? List.of() : messages;
            if (!block && read.isEmpty()) {
                readPending = false;
            }
            return read;
        });
    }

    private Uni<Void> claimAbandoned() {
        long now = System.currentTimeMillis();
        if (now - lastClaim < config.claimIdle().toMillis()) {
            return Uni.createFrom().voidItem();
        }
        lastClaim = now;
        return streams.xautoclaim(stream, group, consumer, config.claimIdle(), "0-0", config.batchSize())
                .invoke(claimed -> {
                    if (!claimed.getMessages().isEmpty()) {
                        readPending = true;
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Void> handleAll(List<StreamMessage<String, String, String>> messages) {
        return Multi.createFrom().iterable(messages)
                .onItem().transformToUniAndConcatenate(this::handleOne)
                .collect().last()
                .replaceWithVoid();
    }

    private Uni<Void> handleOne(StreamMessage<String, String, String> message) {
        String envelope = message.payload() == null ? null : message.payload().get("envelope");
        CloudEvent event;
        try {
            event = envelope == null ? null : mapper.readValue(envelope, CloudEvent.class);
        } catch (Exception e) {
            event = null;
        }
        if (event == null) {
            return deadLetter(message, "not a CloudEvents envelope");
        }
        return handler.handle(event)
                .chain(() -> streams.xack(stream, group, message.id()))
                .invoke(() -> {
                    failures.remove(message.id());
                    handled.incrementAndGet();
                })
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> {
                    int count = failures.merge(message.id(), 1, Integer::sum);
                    if (count >= config.maxDeliveries()) {
                        failures.remove(message.id());
                        return deadLetter(message, failure.toString());
                    }
                    readPending = true;
                    return Uni.createFrom().failure(failure);
                });
    }

    private Uni<Void> deadLetter(StreamMessage<String, String, String> message, String reason) {
        LOG.errorf("event %s on %s moved to the dead-letter stream: %s", message.id(), stream, reason);
        Map<String, String> entry = Map.of("stream", stream, "entry_id", message.id(), "reason", reason,
                "envelope", String.valueOf(message.payload() == null ? null : message.payload().get("envelope")));
        return streams.xadd(deadLetter, entry)
                .chain(() -> streams.xack(stream, group, message.id()))
                .replaceWithVoid();
    }

    private Uni<Void> ensureGroup() {
        return streams.xgroupCreate(stream, group, "0", new XGroupCreateArgs().mkstream())
                .onFailure(failure -> String.valueOf(failure.getMessage()).contains("BUSYGROUP")).recoverWithNull();
    }

    private void pauseThenRestart(Throwable failure) {
        if (!running) {
            return;
        }
        if (healthy) {
            healthy = false;
            LOG.warnf("stream reader %s/%s paused: %s", stream, group, failure.getMessage());
        }
        readPending = true;
        // After a Redis restart the stream and group may be gone: re-create before reading again.
        vertx.setTimer(config.retryDelay().toMillis(),
                id -> ensureGroup().subscribe().with(ignored -> loop(), this::pauseThenRestart));
    }
}
