package dev.flywheel.cli.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.cli.config.ConfigError;
import java.nio.file.Path;

/**
 * One promptfoo assertion of a test case ({@code type}, {@code value}, optional {@code threshold} and
 * {@code weight}), with where it was written so that a refusal can point at it.
 */
public record Assertion(String type, JsonNode value, Double threshold, double weight, String judgeModel, Path file,
        int line, String field) {

    public ConfigError refuse(String message) {
        return new ConfigError(file, line, field, message);
    }
}
