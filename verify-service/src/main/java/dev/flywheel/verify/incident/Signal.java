package dev.flywheel.verify.incident;

import jakarta.validation.constraints.Size;
import java.util.Map;

/** One alert signal of an incident; only its labels matter for verification. */
public record Signal(@Size(max = 100) Map<@Size(max = 200) String, @Size(max = 4096) String> labels) {
}
