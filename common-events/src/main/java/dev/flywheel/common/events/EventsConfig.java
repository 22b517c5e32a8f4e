package dev.flywheel.common.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the event plumbing: outbox relay and durable stream reading. */
@ConfigMapping(prefix = "flywheel.events")
public interface EventsConfig {

    /** The CloudEvents source: also names this service's channel {@code <prefix>.events.<source>} and stream. */
    @WithDefault("${quarkus.application.name}")
    String source();

    /**
     * First part of every channel and stream name ({@code <prefix>.events.<source>}, {@code <prefix>.stream.<source>}):
     * installations sharing one Redis server must each have their own (SPEC §10).
     */
    @WithDefault("flywheel")
    String prefix();

    /** Outbox relay settings. */
    Relay relay();

    /** Stream consumer settings. */
    Consumer consumer();

    interface Relay {
        /** Whether this replica relays its outbox to Redis. */
        @WithDefault("true")
        boolean enabled();

        /** How often the outbox is polled for events to relay. */
        @WithDefault("0.2s")
        Duration interval();

        /** Most events relayed per poll. */
        @WithDefault("200")
        int batchSize();

        /** Approximate cap on a durable stream's length ({@code XADD … MAXLEN ~}). */
        @WithDefault("100000")
        long streamMaxLength();

        /** Longest a relay round may wait on Redis before it gives up and retries later. */
        @WithDefault("5s")
        Duration redisTimeout();

        /**
         * How long claimed outbox rows stay another replica's while they are sent; rows of a relay that died
         * mid-round are sent again after this. Longer than {@code redis-timeout}, or a slow round is sent twice.
         */
        @WithDefault("30s")
        Duration claimLease();
    }

    interface Consumer {
        /** How long one {@code XREADGROUP} blocks waiting for new entries. */
        @WithDefault("1s")
        Duration block();

        /** Most entries read per {@code XREADGROUP}. */
        @WithDefault("50")
        int batchSize();

        /** Entries another consumer left unacknowledged this long are taken over ({@code XAUTOCLAIM}). */
        @WithDefault("30s")
        Duration claimIdle();

        /** Deliveries after which an entry that keeps failing is moved to the dead-letter stream. */
        @WithDefault("5")
        int maxDeliveries();

        /** Pause after a failure (Redis down, handler failed) before reading again. */
        @WithDefault("1s")
        Duration retryDelay();
    }
}
