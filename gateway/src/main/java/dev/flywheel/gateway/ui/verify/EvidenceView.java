package dev.flywheel.gateway.ui.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.gateway.ui.JsonModel;
import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.List;

/**
 * A verification or an evidence snapshot as the pages show it: the identifying fields, the pre and post states
 * pretty-printed (they are free-form JSON collected by the tools) and as a diff, and why evidence is missing.
 */
@TemplateData
public record EvidenceView(String id, String incidentId, String actionTaken, String status, String result,
        String preState, String postState, StateDiff diff, String preMissing, String postMissing,
        List<String> toolsUsed, String snapshotId, String createdAt, String completedAt) {

    static final String NO_PRE_STATE = "No state was recorded before the action: no pre-state snapshot was named"
            + " when the verification was requested.";
    static final String EMPTY_PRE_STATE = "The pre-state capture observed nothing: no tool applied to this incident,"
            + " or every tool failed (see the incident's tool calls).";
    static final String PENDING = "Not collected yet: the verification is still waiting out its warmup or collecting.";

    /**
     * A verification: {@code {id, incident_id, action_taken, status, result, pre_state, post_state,
     * failure_reason, tools_used, …}}.
     */
    static EvidenceView ofVerification(JsonNode v) {
        JsonNode pre = v.path("pre_state");
        JsonNode post = v.path("post_state");
        String postMissing = null;
        if (absent(post)) {
            String reason = text(v, "failure_reason");
            postMissing = "pending".equals(text(v, "status")) ? PENDING
                    : "Not collected: " + (reason == null ? "verify-service gave no reason." : reason);
        }
        return new EvidenceView(text(v, "id"), text(v, "incident_id"), text(v, "action_taken"), text(v, "status"),
                text(v, "result"), state(pre), state(post), StateDiff.of(pre, post), preMissing(pre), postMissing,
                tools(v.path("tools_used")), text(v, "snapshot_id"), text(v, "created_at"), text(v, "completed_at"));
    }

    /** A snapshot: {@code {id, incident_id, pre_execution_state, post_state, action_taken, verification_result, …}}. */
    static EvidenceView ofSnapshot(JsonNode s) {
        JsonNode pre = s.path("pre_execution_state");
        JsonNode post = s.path("post_state");
        String postMissing = !absent(post) ? null : text(s, "verification_result") == null
                ? "Not verified yet: no verification has completed for this snapshot."
                : "Not collected: the verification that used this snapshot found no state (open it for the reason).";
        return new EvidenceView(text(s, "id"), text(s, "incident_id"), text(s, "action_taken"), null,
                text(s, "verification_result"), state(pre), state(post), StateDiff.of(pre, post), preMissing(pre),
                postMissing, List.of(), null, text(s, "created_at"), null);
    }

    private static String preMissing(JsonNode pre) {
        if (absent(pre)) {
            return NO_PRE_STATE;
        }
        return pre.isObject() && pre.isEmpty() ? EMPTY_PRE_STATE : null;
    }

    private static boolean absent(JsonNode state) {
        return state.isNull() || state.isMissingNode();
    }

    static List<EvidenceView> list(JsonNode items, boolean snapshots) {
        List<EvidenceView> views = new ArrayList<>();
        for (JsonNode item : items) {
            views.add(snapshots ? ofSnapshot(item) : ofVerification(item));
        }
        return views;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() ? null : value.asText();
    }

    private static String state(JsonNode state) {
        return state.isNull() || state.isMissingNode() ? null : JsonModel.pretty(state);
    }

    private static List<String> tools(JsonNode tools) {
        List<String> names = new ArrayList<>();
        for (JsonNode tool : tools) {
            names.add(tool.isTextual() ? tool.asText() : tool.path("tool").asText(tool.path("name").asText(tool.toString())));
        }
        return names;
    }
}
