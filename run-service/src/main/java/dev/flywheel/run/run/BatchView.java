package dev.flywheel.run.run;

import java.util.List;
import java.util.UUID;

/** The runs a batch created, all pending. */
public record BatchView(UUID experimentId, int count, List<UUID> runIds) {
}
