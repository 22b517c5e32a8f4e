package dev.flywheel.gateway.ui.agents;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One change in an agent's history as a reader wants it: what was changed (the variant by name, not id) and only
 * the fields whose values differ before and after, each as {@code field: old → new}.
 */
@TemplateData
public record AuditLine(String action, String actor, String createdAt, String subject, List<Change> changes) {

    /** Bookkeeping fields that change on every write and say nothing about the config. */
    static final Set<String> IGNORED = Set.of("id", "agent_id", "created_at", "updated_at");
    static final int VALUE_CHARS = 120;

    @TemplateData
    public record Change(String field, String before, String after) {
    }

    static List<AuditLine> of(JsonNode items, Map<String, String> variantNames) {
        List<AuditLine> lines = new ArrayList<>();
        for (JsonNode entry : items) {
            JsonNode before = entry.path("before");
            JsonNode after = entry.path("after");
            String variantId = entry.path("variant_id").textValue();
            String name = after.path("variant_name").asText(before.path("variant_name").asText(null));
            if (name == null && variantId != null) {
                name = variantNames.get(variantId);
            }
            String subject = variantId == null ? "the agent" : name != null ? "variant " + name : "a deleted variant";
            lines.add(new AuditLine(entry.path("action").asText(""), entry.path("actor").asText(""),
                    entry.path("created_at").asText(""), subject, changes(before, after)));
        }
        return lines;
    }

    static List<Change> changes(JsonNode before, JsonNode after) {
        Set<String> fields = new TreeSet<>();
        names(before).forEachRemaining(fields::add);
        names(after).forEachRemaining(fields::add);
        List<Change> changes = new ArrayList<>();
        for (String field : fields) {
            JsonNode old = before.path(field);
            JsonNode now = after.path(field);
            if (!IGNORED.contains(field) && !old.equals(now)) {
                changes.add(new Change(field, text(old), text(now)));
            }
        }
        return changes;
    }

    private static Iterator<String> names(JsonNode node) {
        return node.isObject() ? node.fieldNames() : java.util.Collections.emptyIterator();
    }

    private static String text(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "—";
        }
        String text = value.isTextual() ? (value.asText().isEmpty() ? "(empty)" : value.asText()) : value.toString();
        return text.length() <= VALUE_CHARS ? text : text.substring(0, VALUE_CHARS - 1) + "…";
    }
}
