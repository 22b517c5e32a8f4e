package dev.flywheel.run.run;

import java.util.List;
import java.util.UUID;

/** The runs of an experiment that a cancel stopped: those that had not ended yet. */
public record CancelView(UUID experimentId, int count, List<UUID> runIds) {
}
