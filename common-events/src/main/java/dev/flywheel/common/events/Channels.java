package dev.flywheel.common.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Redis names of the services' event channels and durable streams (SPEC §2), under this installation's prefix
 * ({@code flywheel.events.prefix}): Redis pub/sub ignores the database number, so two installations sharing a
 * Redis server (a test run beside a running suite) are kept apart only by their names (SPEC §10).
 */
@ApplicationScoped
public class Channels {

    private final String prefix;

    @Inject
    public Channels(EventsConfig config) {
        this(config.prefix());
    }

    Channels(String prefix) {
        this.prefix = prefix;
    }

    /** Channels installed under {@code prefix}, for code that runs outside CDI. */
    public static Channels withPrefix(String prefix) {
        return new Channels(prefix);
    }

    /** Pattern a subscriber uses to hear every service's live events. */
    public String allLive() {
        return prefix + ".events.*";
    }

    public String live(String source) {
        return prefix + ".events." + source;
    }

    public String stream(String source) {
        return prefix + ".stream." + source;
    }

    public String deadLetter(String group) {
        return prefix + ".deadletter." + group;
    }
}
