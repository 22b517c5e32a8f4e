package dev.flywheel.run.run;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * Many different run configs in one request (SPEC §10), each with its own prompt, model, vars and scorers:
 * how a client that already knows its matrix (the CLI's prompt × provider × test case) submits it.
 * The count limit is the batch limit, checked by the service because it is configuration.
 */
public record BulkRequest(@NotEmpty List<@NotNull @Valid RunRequest> runs) {
}
