package dev.flywheel.common.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.common.context.SafeContext;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Starts consumer-group readers of other services' durable streams (SPEC §2). Each subscription reads
 * with {@code XREADGROUP}, hands every event to its handler on a fresh safe Vert.x context (so the
 * handler may open Hibernate Reactive transactions) and acknowledges only after the handler's Uni
 * completes. Redis outages and handler failures pause the reader and it resumes by itself.
 */
@ApplicationScoped
public class StreamReader {

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper mapper;
    private final EventsConfig config;
    private final Channels channels;
    private final Vertx vertx;
    private final String consumerName;
    private final List<StreamSubscription> subscriptions = new CopyOnWriteArrayList<>();

    public StreamReader(ReactiveRedisDataSource redis, ObjectMapper mapper, EventsConfig config, Channels channels, Vertx vertx) {
        this.redis = redis;
        this.channels = channels;
        this.mapper = mapper;
        this.config = config;
        this.vertx = vertx;
        this.consumerName = System.getenv().getOrDefault("HOSTNAME", "local") + "-" + UUID.randomUUID();
    }

    /**
     * Reads {@code <prefix>.stream.<source>} as consumer group {@code group} until shutdown.
     *
     * @return the running subscription, which can be stopped
     */
    public StreamSubscription subscribe(String source, String group, EventHandler handler) {
        StreamSubscription subscription = new StreamSubscription(redis.stream(String.class), channels.stream(source),
                channels.deadLetter(group), group, consumerName, config.consumer(), mapper, vertx,
                event -> SafeContext.run(vertx, () -> handler.handle(event)));
        subscriptions.add(subscription);
        subscription.start();
        return subscription;
    }

    void stopAll(@Observes ShutdownEvent event) {
        subscriptions.forEach(StreamSubscription::stop);
    }
}
