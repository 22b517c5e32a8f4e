package dev.flywheel.common.events;

/** Redis names of a service's event channel and durable stream (SPEC §2). */
public final class Channels {

    /** Pattern a subscriber uses to hear every service's live events. */
    public static final String ALL_LIVE = "flywheel.events.*";

    private Channels() {
    }

    public static String live(String source) {
        return "flywheel.events." + source;
    }

    public static String stream(String source) {
        return "flywheel.stream." + source;
    }

    public static String deadLetter(String group) {
        return "flywheel.deadletter." + group;
    }
}
