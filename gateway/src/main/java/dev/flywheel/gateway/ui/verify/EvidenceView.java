package dev.flywheel.gateway.ui.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.gateway.ui.JsonModel;
import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.List;

/**
 * A verification or an evidence snapshot as the pages show it: the identifying fields, and the pre and post
 * states pretty-printed (they are free-form JSON collected by the tools).
 */
@TemplateData
public record EvidenceView(String id, String incidentId, String actionTaken, String status, String result,
        String preState, String postState, List<String> toolsUsed, String snapshotId, String createdAt,
        String completedAt) {

    /** A verification: {@code {id, incident_id, action_taken, status, result, pre_state, post_state, tools_used, …}}. */
    static EvidenceView ofVerification(JsonNode v) {
        return new EvidenceView(text(v, "id"), text(v, "incident_id"), text(v, "action_taken"), text(v, "status"),
                text(v, "result"), state(v.path("pre_state")), state(v.path("post_state")), tools(v.path("tools_used")),
                text(v, "snapshot_id"), text(v, "created_at"), text(v, "completed_at"));
    }

    /** A snapshot: {@code {id, incident_id, pre_execution_state, post_state, action_taken, verification_result, …}}. */
    static EvidenceView ofSnapshot(JsonNode s) {
        return new EvidenceView(text(s, "id"), text(s, "incident_id"), text(s, "action_taken"), null,
                text(s, "verification_result"), state(s.path("pre_execution_state")), state(s.path("post_state")),
                List.of(), null, text(s, "created_at"), null);
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
