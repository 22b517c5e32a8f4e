package dev.flywheel.run.support;

import dev.flywheel.run.RunServiceConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;

/** The service's config mapping with its defaults (and overrides), for unit tests without Quarkus. */
public final class Configs {

    private Configs() {
    }

    public static RunServiceConfig runConfig(Map<String, String> overrides) {
        return new SmallRyeConfigBuilder()
                .withMapping(RunServiceConfig.class)
                // Quarkus reads "500ms" and "14d"; plain SmallRye Config needs its converter for that.
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(overrides, "test", 500))
                .build()
                .getConfigMapping(RunServiceConfig.class);
    }
}
