package dev.flywheel.verify.assess;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides from evidence whether a remediation worked (SPEC §6, rules applied in order):
 * empty post state → degraded; any failure signal → failed (failure beats success); an unchanged or
 * still-healthy state proves something only when the action restarted or replaced it; a success
 * signal → success; otherwise degraded. Matching is case-insensitive over the flattened keys and
 * values. Long, specific signals match as substrings; short words match only as whole values, so a
 * key such as {@code error_rate} or a value such as {@code unhealthy} never counts. Prometheus
 * readings count by their values ({@link MetricEvidence}): their query and labels are not matched, and
 * a NaN or ±Inf reading keeps the verdict from success.
 */
public final class RecoveryAssessor {

    /** Failure signals specific enough to match anywhere, in keys or values, as substrings. */
    public static final List<String> FAILURE_SIGNALS =
            List.of("crashloopbackoff", "oomkilled", "imagepullbackoff", "errimagepull", "evicted");

    /** Failure words that count only as a whole value: the pod phase {@code Failed}. */
    public static final List<String> FAILURE_VALUES = List.of("failed");

    /** Success phrases matched inside values, as kubectl words a finished rollout. */
    public static final List<String> SUCCESS_PHRASES = List.of("successfully rolled out");

    /** Success words that count only as a whole value. */
    public static final List<String> SUCCESS_VALUES = List.of("running", "healthy");

    /** A ready ratio: success when both sides are equal and at least 1 ({@code 1/1}, {@code 2/2}). */
    public static final Pattern READY_RATIO = Pattern.compile("(\\d{1,6})/(\\d{1,6})");

    /** The key of a rollout result's verdict; success when it holds {@code true}. */
    public static final String ROLLOUT_SUCCESS_KEY = "success";

    /** The key of a health endpoint's overall status, and the whole value that means healthy. */
    public static final String HEALTH_STATUS_KEY = "status";
    public static final String HEALTH_UP = "up";

    /** Words in an action that show it really restarted or replaced something. */
    public static final List<String> RESTARTING_ACTIONS = List.of("restart", "delete");

    /** Numbers compare by value, so 1 read back from the database equals a freshly collected 1L. */
    private static final Comparator<JsonNode> NUMERIC_AWARE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private RecoveryAssessor() {
    }

    public static VerificationResult assess(JsonNode pre, JsonNode post, String actionTaken) {
        if (isEmpty(post)) {
            return VerificationResult.DEGRADED;
        }
        FlatState after = flat(post);
        if (hasFailureSignal(after)) {
            return VerificationResult.FAILED;
        }
        if (MetricEvidence.hasNonFiniteReading(post)) {
            return VerificationResult.DEGRADED;
        }
        if (!isEmpty(pre) && (pre.equals(NUMERIC_AWARE, post) || bothHealthy(flat(pre), after))) {
            return restartedOrReplaced(actionTaken) ? VerificationResult.SUCCESS : VerificationResult.DEGRADED;
        }
        return hasSuccessSignal(after) ? VerificationResult.SUCCESS : VerificationResult.DEGRADED;
    }

    private static FlatState flat(JsonNode state) {
        return FlatState.of(MetricEvidence.withoutQueryAndLabels(state));
    }

    static boolean hasFailureSignal(FlatState state) {
        boolean inKeys = state.keys().stream().anyMatch(RecoveryAssessor::containsFailureSignal);
        return inKeys || state.values().stream()
                .anyMatch(value -> containsFailureSignal(value.text()) || FAILURE_VALUES.contains(value.text()));
    }

    static boolean hasSuccessSignal(FlatState state) {
        return state.values().stream().anyMatch(RecoveryAssessor::isSuccessSignal);
    }

    private static boolean isSuccessSignal(FlatState.Value value) {
        String text = value.text();
        return SUCCESS_VALUES.contains(text)
                || SUCCESS_PHRASES.stream().anyMatch(text::contains)
                || isFullReadyRatio(text)
                || (ROLLOUT_SUCCESS_KEY.equals(value.key()) && value.isTrue())
                || (HEALTH_STATUS_KEY.equals(value.key()) && HEALTH_UP.equals(text));
    }

    private static boolean isFullReadyRatio(String text) {
        Matcher ratio = READY_RATIO.matcher(text);
        return ratio.matches() && ratio.group(1).equals(ratio.group(2)) && Integer.parseInt(ratio.group(1)) > 0;
    }

    private static boolean bothHealthy(FlatState before, FlatState after) {
        return !hasFailureSignal(before) && hasSuccessSignal(before) && hasSuccessSignal(after);
    }

    private static boolean restartedOrReplaced(String actionTaken) {
        String action = actionTaken == null ? "" : actionTaken.toLowerCase(Locale.ROOT);
        return RESTARTING_ACTIONS.stream().anyMatch(action::contains);
    }

    private static boolean containsFailureSignal(String text) {
        return FAILURE_SIGNALS.stream().anyMatch(text::contains);
    }

    private static boolean isEmpty(JsonNode state) {
        return state == null || state.isNull() || state.isMissingNode() || (state.isContainerNode() && state.isEmpty());
    }
}
