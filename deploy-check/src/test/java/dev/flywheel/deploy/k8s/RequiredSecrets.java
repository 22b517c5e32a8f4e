package dev.flywheel.deploy.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An overlay's required-secrets.txt: the Secrets its operator creates by hand, each with the keys the suite reads.
 * An overlay without the file promises to generate every Secret itself.
 */
final class RequiredSecrets {

    private RequiredSecrets() {
    }

    static Map<String, List<String>> of(String overlay) {
        Path file = RenderedOverlay.overlayDirectory(overlay).resolve("required-secrets.txt");
        Map<String, List<String>> secrets = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return secrets;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                String content = line.strip();
                if (content.isEmpty() || content.startsWith("#")) {
                    continue;
                }
                String[] words = content.split("\\s+");
                secrets.put(words[0], List.of(Arrays.copyOfRange(words, 1, words.length)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return secrets;
    }
}
