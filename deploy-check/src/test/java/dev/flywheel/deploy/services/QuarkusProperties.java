package dev.flywheel.deploy.services;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * A service's configuration as the prod profile sees it: its application.properties over the shared defaults it
 * inherits, a {@code %prod.} key over the plain one, and Quarkus's own default when neither sets a key.
 */
final class QuarkusProperties {

    private static final String PROFILE = "%prod.";

    private final List<Properties> layers;

    private QuarkusProperties(List<Properties> layers) {
        this.layers = layers;
    }

    /** Layers in precedence order, highest first; files that do not exist are skipped. */
    static QuarkusProperties of(Path... files) {
        List<Properties> layers = new ArrayList<>();
        for (Path file : files) {
            if (Files.isRegularFile(file)) {
                layers.add(load(file));
            }
        }
        return new QuarkusProperties(layers);
    }

    Optional<String> get(String key) {
        for (Properties layer : layers) {
            String value = layer.getProperty(PROFILE + key, layer.getProperty(key));
            if (value != null) {
                return Optional.of(value.trim());
            }
        }
        return Optional.empty();
    }

    String get(String key, String quarkusDefault) {
        return get(key).orElse(quarkusDefault);
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return properties;
    }
}
