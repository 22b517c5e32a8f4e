package dev.flywheel.variant.resolve;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.common.events.Channels;
import dev.flywheel.common.events.CloudEvent;
import dev.flywheel.common.events.EventsConfig;
import dev.flywheel.variant.VariantConfig;
import dev.flywheel.variant.audit.VariantChanged;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Hears {@code variant.changed} on this service's live channel and evicts the agent's resolved config, so
 * a change made through any replica is seen at once by all of them (SPEC §4). A message lost while Redis
 * is away costs at most one cache TTL of staleness; the subscription is renewed when Redis comes back.
 */
@ApplicationScoped
public class ChangeListener {

    private static final Logger LOG = Logger.getLogger(ChangeListener.class);

    private final ReactiveRedisDataSource redis;
    private final ResolutionCache cache;
    private final ObjectMapper mapper;
    private final Vertx vertx;
    private final String channel;
    private final long resubscribeDelayMs;
    private volatile Cancellable subscription;
    private volatile boolean running;
    private volatile boolean heard = true;

    public ChangeListener(ReactiveRedisDataSource redis, ResolutionCache cache, ObjectMapper mapper, Vertx vertx,
            EventsConfig events, Channels channels, VariantConfig config) {
        this.redis = redis;
        this.cache = cache;
        this.mapper = mapper;
        this.vertx = vertx;
        this.channel = channels.live(events.source());
        this.resubscribeDelayMs = config.resolution().resubscribeDelay().toMillis();
    }

    void start(@Observes StartupEvent event) {
        running = true;
        subscribe();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        Cancellable current = subscription;
        if (current != null) {
            current.cancel();
        }
    }

    /** Evicts the agent a {@code variant.changed} envelope names; other events and garbage are ignored. */
    void onMessage(String envelope) {
        heard = true;
        try {
            CloudEvent event = mapper.readValue(envelope, CloudEvent.class);
            if (VariantChanged.TYPE.equals(event.type()) && event.data() != null && event.data().hasNonNull("agent_id")) {
                cache.evict(UUID.fromString(event.data().get("agent_id").asText()));
            }
        } catch (Exception e) {
            LOG.warnf("ignored a message on %s that is not a variant.changed envelope: %s", channel, e.getMessage());
        }
    }

    private void subscribe() {
        if (!running) {
            return;
        }
        subscription = redis.pubsub(String.class).subscribe(channel)
                .subscribe().with(this::onMessage, this::resubscribeLater, () -> resubscribeLater(null));
    }

    private void resubscribeLater(Throwable failure) {
        if (!running) {
            return;
        }
        // Once per outage: retries repeat every resubscribe-delay until Redis answers again.
        if (heard) {
            heard = false;
            LOG.warnf("subscription to %s ended (%s); renewing it until Redis answers", channel,
                    failure == null ? "closed" : failure.getMessage());
        }
        vertx.setTimer(resubscribeDelayMs, id -> subscribe());
    }
}
