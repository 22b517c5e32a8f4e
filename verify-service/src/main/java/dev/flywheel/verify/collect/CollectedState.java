package dev.flywheel.verify.collect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The state read for an incident: each successful tool's output under the tool's name, and every tool called. */
public record CollectedState(ObjectNode state, List<String> toolsUsed) {
}
