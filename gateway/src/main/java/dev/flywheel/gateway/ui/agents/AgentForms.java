package dev.flywheel.gateway.ui.agents;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.gateway.ui.form.FormInput;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The agent, variant and clone forms: which inputs they have (the API's field names) and their JSON bodies. */
final class AgentForms {

    static final List<String> CONFIG_TEXT = List.of("model_provider", "model_name", "system_prompt",
            "user_prompt_template", "prompt_version");
    static final List<String> CONFIG_INTEGERS = List.of("max_tokens", "context_window", "input_token_limit",
            "token_budget", "timeout_seconds", "max_retries");
    static final String TEMPERATURE = "temperature";

    static final List<String> AGENT_IDENTITY = List.of("name", "slug", "description");
    static final List<String> VARIANT_IDENTITY = List.of("variant_name", "variant_slug", "description");
    static final List<String> AGENT_FIELDS = fields(AGENT_IDENTITY);
    static final List<String> VARIANT_FIELDS = fields(VARIANT_IDENTITY);

    /** Identifiers and required values: left blank they are left out, so the service applies its own rule. */
    private static final List<String> NEVER_BLANK = List.of("name", "slug", "variant_name", "variant_slug",
            "model_provider", "model_name");

    private AgentForms() {
    }

    /**
     * The body of a create or PATCH: on an edit, a cleared prompt or description is sent as {@code ""} (the
     * user emptied it); on a create it is left out so the service's default or the agent's value applies.
     */
    static ObjectNode body(FormInput input, List<String> identity, boolean edit) {
        ObjectNode json = FormInput.object();
        for (String name : identity) {
            input.putText(json, name, edit && !NEVER_BLANK.contains(name));
        }
        config(input, json, edit);
        return json;
    }

    /** A clone: name, slug, description, and only the config fields the user filled in as overrides. */
    static ObjectNode cloneBody(FormInput input) {
        ObjectNode json = FormInput.object();
        for (String name : VARIANT_IDENTITY) {
            input.putText(json, name, false);
        }
        ObjectNode overrides = FormInput.object();
        config(input, overrides, false);
        json.set("overrides", overrides);
        return json;
    }

    /** The stored values of an agent or variant as form values. */
    /** The hidden field an edit form carries the version (ETag) it was opened on in, sent back as If-Match. */
    static final String VERSION = "version";

    /** The form values plus the version they were read at. */
    static Map<String, String> withVersion(Map<String, String> values, String etag) {
        Map<String, String> versioned = new java.util.LinkedHashMap<>(values);
        if (etag != null) {
            versioned.put(VERSION, etag);
        }
        return versioned;
    }

    static Map<String, String> values(Map<String, Object> stored) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        stored.forEach((name, value) -> {
            if (value != null && !(value instanceof Map) && !(value instanceof List)) {
                values.put(name, String.valueOf(value));
            }
        });
        return values;
    }

    private static void config(FormInput input, ObjectNode json, boolean edit) {
        for (String name : CONFIG_TEXT) {
            input.putText(json, name, edit && !NEVER_BLANK.contains(name));
        }
        input.putDecimal(json, TEMPERATURE);
        for (String name : CONFIG_INTEGERS) {
            input.putInteger(json, name);
        }
    }

    private static List<String> fields(List<String> identity) {
        return Stream.of(identity.stream(), CONFIG_TEXT.stream(), Stream.of(TEMPERATURE), CONFIG_INTEGERS.stream())
                .flatMap(s -> s).toList();
    }
}
