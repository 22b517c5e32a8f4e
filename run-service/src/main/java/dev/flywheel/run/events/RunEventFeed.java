package dev.flywheel.run.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.common.events.Channels;
import dev.flywheel.common.events.CloudEvent;
import dev.flywheel.common.events.EventsConfig;
import dev.flywheel.run.RunServiceConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Feeds this replica's {@link RunEventBus} from run-service's live channel ({@code <prefix>.events.run-service}),
 * where the outbox relay of every replica publishes each committed event: one event path, whichever replica
 * executes a run or cancels it (SPEC §10). Pub/sub is at-most-once, so after every (re)subscription the bus
 * tells its listeners to read their state again; a subscription that ends is renewed until Redis answers.
 */
@ApplicationScoped
public class RunEventFeed {

    private static final Logger LOG = Logger.getLogger(RunEventFeed.class);

    private final ReactivePubSubCommands<String> pubsub;
    private final RunEventBus bus;
    private final ObjectMapper mapper;
    private final Vertx vertx;
    private final String channel;
    private final long resubscribeDelayMs;
    private volatile ReactivePubSubCommands.ReactiveRedisSubscriber subscriber;
    private volatile boolean running;
    private volatile boolean healthy = true;
    private final AtomicBoolean renewing = new AtomicBoolean();

    public RunEventFeed(ReactiveRedisDataSource redis, RunEventBus bus, ObjectMapper mapper, Vertx vertx,
            EventsConfig events, Channels channels, RunServiceConfig config) {
        this.pubsub = redis.pubsub(String.class);
        this.bus = bus;
        this.mapper = mapper;
        this.vertx = vertx;
        this.channel = channels.live(events.source());
        this.resubscribeDelayMs = config.events().resubscribeDelay().toMillis();
    }

    void start(@Observes StartupEvent event) {
        running = true;
        subscribe();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        ReactivePubSubCommands.ReactiveRedisSubscriber current = subscriber;
        if (current != null) {
            current.unsubscribe().subscribe().with(ignored -> { }, failure -> { });
        }
    }

    /** Publishes the run event an envelope carries; other events and garbage are skipped. */
    void onMessage(String envelope) {
        Optional<RunEvent> event;
        try {
            event = decode(mapper, mapper.readValue(envelope, CloudEvent.class));
        } catch (Exception e) {
            LOG.warnf("ignored a message on %s that is not a run event: %s", channel, e.getMessage());
            return;
        }
        event.ifPresent(bus::publish);
    }

    /** The run event a relayed CloudEvent is, if it is one. */
    static Optional<RunEvent> decode(ObjectMapper mapper, CloudEvent event) {
        if (!RunEvent.RELAYED.contains(event.type()) || event.data() == null || !event.data().hasNonNull("run_id")) {
            return Optional.empty();
        }
        JsonNode data = event.data();
        RunPosition position = switch (event.type()) {
            case RunEvent.STARTED -> RunPosition.at(data.path("attempt").asInt(), 0);
            case RunEvent.STAGE_COMPLETED -> RunPosition.at(data.path("attempt").asInt(), data.path("stage_index").asInt() + 1);
            default -> RunPosition.END;
        };
        UUID experimentId = data.hasNonNull("experiment_id") ? UUID.fromString(data.get("experiment_id").asText()) : null;
        return Optional.of(new RunEvent(event.type(), event.id(), UUID.fromString(data.get("run_id").asText()), experimentId,
                event.time(), position, data));
    }

    private void subscribe() {
        renewing.set(false);
        if (!running) {
            return;
        }
        pubsub.subscribe(channel, this::onMessage, () -> resubscribeLater(null), this::resubscribeLater)
                .subscribe().with(subscribed -> {
                    subscriber = subscribed;
                    if (!healthy) {
                        LOG.infof("subscribed to %s again", channel);
                    }
                    healthy = true;
                    bus.resubscribed();
                }, this::resubscribeLater);
    }

    private void resubscribeLater(Throwable failure) {
        // A dropped connection may report both its end and its failure: renew once.
        if (!running || !renewing.compareAndSet(false, true)) {
            return;
        }
        // Once per outage: the retries repeat every resubscribe-delay until Redis answers again.
        if (healthy) {
            healthy = false;
            LOG.warnf("the subscription to %s ended (%s); renewing it until Redis answers", channel,
                    failure == null ? "closed" : failure.toString());
        }
        vertx.setTimer(resubscribeDelayMs, id -> subscribe());
    }
}
