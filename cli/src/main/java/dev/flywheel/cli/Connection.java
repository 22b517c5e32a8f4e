package dev.flywheel.cli;

import dev.flywheel.cli.api.ApiClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the gateway is and the key to call it with, shared by every command. */
public class Connection {

    @Option(names = "--url", description = "Gateway address (default: $FLYWHEEL_URL or http://127.0.0.1:8080).")
    String url;

    @Option(names = "--api-key", description = "API key (default: $FLYWHEEL_API_KEY, else .flywheel/api-key in the checkout).")
    String apiKey;

    @Option(names = "--json", description = "Print the answer as JSON.")
    public boolean json;

    public ApiClient client() {
        String base = url != null ? url : env("FLYWHEEL_URL", "http://127.0.0.1:8080");
        return new ApiClient(URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base), key());
    }

    private String key() {
        if (apiKey != null) {
            return apiKey;
        }
        String fromEnv = System.getenv("FLYWHEEL_API_KEY");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.trim();
        }
        // Inside a checkout, up.sh leaves the key it made in .flywheel/api-key at the root.
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve(".flywheel/api-key");
            if (Files.isReadable(file)) {
                try {
                    return Files.readString(file).trim();
                } catch (IOException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
