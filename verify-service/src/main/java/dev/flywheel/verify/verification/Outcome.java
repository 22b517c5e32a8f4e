package dev.flywheel.verify.verification;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.verify.assess.VerificationResult;
import java.util.List;

/**
 * How a verification ended: the verdict, the state it was reached from (none on timeout or failure) and, when there
 * is none, why; the tools.
 */
public record Outcome(VerificationResult result, JsonNode postState, String failureReason, List<String> toolsUsed) {
}
