package dev.flywheel.verify.tool.health;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Parameters of {@code http_health}: the absolute http(s) URL of a health endpoint. */
public record HttpHealthParameters(
        @NotBlank @Size(max = 2048)
        @Pattern(regexp = "(?i)https?://[^\\s/?#]+([/?#]\\S*)?", message = "must be an absolute http or https URL")
        String url) {
}
