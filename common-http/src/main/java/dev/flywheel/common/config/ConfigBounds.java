package dev.flywheel.common.config;

/**
 * Lower bounds of {@code @ConfigMapping} settings, checked by each service when it starts (a violated bound stops
 * the start, as a constraint would). Not Bean Validation's {@code @Min} on the mapping: one constraint on any
 * {@code @ConfigMapping} makes Quarkus build a second Hibernate Validator factory at static init, over every config
 * mapping of the application and its extensions, which was about a quarter of a service's main-thread start-up
 * time (issue 21, README "Start-up and memory").
 */
public final class ConfigBounds {

    private ConfigBounds() {
    }

    /**
     * Fails when {@code value} of the setting {@code property} (its property name, e.g.
     * {@code run.cache.counter-stripes}) is below {@code minimum}.
     */
    public static void atLeast(String property, long value, long minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(property + " must be at least " + minimum + ", is " + value);
        }
    }
}
