package dev.flywheel.gateway.ui.agents;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The twelve config fields of the base config and the compared variants side by side, each row marked when the
 * configs differ on it, so the comparison's numbers can be read against what was changed.
 */
@TemplateData
public record ConfigDiff(List<String> columns, List<Row> rows) {

    static final List<String> FIELDS = List.of("model_provider", "model_name", "system_prompt", "user_prompt_template",
            "prompt_version", "temperature", "max_tokens", "context_window", "input_token_limit", "token_budget",
            "timeout_seconds", "max_retries");

    @TemplateData
    public record Row(String field, List<String> values, boolean differs) {
    }

    /** {@code configs} are the agent (base config) then the variants, in the comparison's order. */
    static ConfigDiff of(List<String> names, List<JsonNode> configs) {
        List<Row> rows = new ArrayList<>();
        for (String field : FIELDS) {
            List<String> values = new ArrayList<>();
            configs.forEach(config -> values.add(text(config.path(field))));
            Set<String> distinct = new HashSet<>(values);
            rows.add(new Row(field, List.copyOf(values), distinct.size() > 1));
        }
        return new ConfigDiff(List.copyOf(names), List.copyOf(rows));
    }

    private static String text(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        return value.isTextual() ? value.asText() : value.toString();
    }
}
