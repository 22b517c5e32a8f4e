package dev.flywheel.gateway.ui.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.MultivaluedMap;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A submitted HTML form on its way to a service as JSON. A number that does not parse cannot be sent as such (the
 * service could only report malformed JSON, and none of its other errors), so it is noted here and sent as
 * {@link #STAND_IN}, which every numeric field of the services' payloads refuses (each has a lower bound of 0 or 1):
 * the service still validates everything else, and the user gets every error in one round. JSON typed into a field
 * has no such stand-in: when it does not parse, the form is not sent.
 */
public final class FormInput {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final MultivaluedMap<String, String> form;
    /** Sent for a number that does not parse: below every numeric field's minimum, so the service refuses it. */
    static final int STAND_IN = -1;

    private final Map<String, String> errors = new LinkedHashMap<>();
    private final Set<String> standIns = new HashSet<>();

    public FormInput(MultivaluedMap<String, String> form) {
        this.form = form;
    }

    /** The value as typed, or null when the form did not send the field. */
    public String raw(String name) {
        return form == null ? null : form.getFirst(name);
    }

    /** The trimmed value, or null when absent or blank. */
    public String text(String name) {
        String value = raw(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Whether a checkbox was ticked. */
    public boolean checked(String name) {
        return text(name) != null;
    }

    /** Every line of a textarea that is not blank, trimmed. */
    public List<String> lines(String name) {
        String value = raw(name);
        return value == null ? List.of() : value.lines().map(String::trim).filter(line -> !line.isEmpty()).toList();
    }

    /** Puts a text field: blank ones are left out, or sent as {@code ""} when {@code keepBlank}. */
    public FormInput putText(ObjectNode json, String name, boolean keepBlank) {
        String value = raw(name);
        if (value != null && (keepBlank || !value.isBlank())) {
            json.put(name, value.isBlank() ? "" : value);
        }
        return this;
    }

    public FormInput putInteger(ObjectNode json, String name) {
        String value = text(name);
        if (value != null) {
            try {
                json.put(name, Long.parseLong(value));
            } catch (NumberFormatException e) {
                standIn(json, name, "must be a whole number, such as 3");
            }
        }
        return this;
    }

    public FormInput putDecimal(ObjectNode json, String name) {
        String value = text(name);
        if (value != null) {
            try {
                json.put(name, new BigDecimal(value));
            } catch (NumberFormatException e) {
                standIn(json, name, "must be a number, such as 0.7");
            }
        }
        return this;
    }

    /** Puts a field that holds JSON typed by the user (e.g. scorers); what does not parse is a field error. */
    public FormInput putJson(ObjectNode json, String name) {
        String value = text(name);
        if (value != null) {
            try {
                JsonNode parsed = MAPPER.readTree(value);
                json.set(name, parsed);
            } catch (Exception e) {
                errors.put(name, "must be valid JSON");
            }
        }
        return this;
    }

    private void standIn(ObjectNode json, String name, String message) {
        json.put(name, STAND_IN);
        errors.put(name, message);
        standIns.add(name);
    }

    /** Whether the form can go to the service: every local problem, if any, was sent as a stand-in. */
    public boolean sendable() {
        return standIns.containsAll(errors.keySet());
    }

    /** The problems found here, by field; the service's own errors on these fields are about the stand-in. */
    public Map<String, String> errors() {
        return errors;
    }

    /** What the user typed, field by field, to put back into a re-rendered form. */
    public Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        if (form != null) {
            form.forEach((name, list) -> {
                if (!list.isEmpty() && !name.equals("csrf_token")) {
                    values.put(name, list.get(0));
                }
            });
        }
        return values;
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }
}
