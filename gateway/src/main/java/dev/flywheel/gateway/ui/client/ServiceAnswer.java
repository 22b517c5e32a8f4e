package dev.flywheel.gateway.ui.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A service's answer to a UI call: its status, JSON body ({@code null} node when it had none) and {@code ETag}
 * (null when it sent none), which an edit form sends back as {@code If-Match}.
 */
public record ServiceAnswer(String service, int status, JsonNode body, String etag) {

    public ServiceAnswer(String service, int status, JsonNode body) {
        this(service, status, body, null);
    }

    /** A 412: the resource changed since the form was opened, so the edit was not applied. */
    public boolean stale() {
        return status == 412;
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** A 400 problem: a form the service refused, whose fields can be shown next to their inputs. */
    public boolean invalidInput() {
        return status == 400;
    }

    /**
     * A form the service refused as it stands: invalid (400) or in conflict with what exists (409, e.g. a slug
     * taken; 412, changed by someone else meanwhile). Shown on the form, with what the user typed kept.
     */
    public boolean refusedForm() {
        return status == 400 || status == 409 || status == 412;
    }

    /** The body of a successful answer; anything else becomes a {@link ServiceFailure} the UI renders as a page. */
    public JsonNode orFail() {
        if (!ok()) {
            throw new ServiceFailure(service, status, detail());
        }
        return body == null ? NullNode.getInstance() : body;
    }

    /** The problem's {@code detail} (or {@code title}), for showing to the user. */
    public String detail() {
        if (body != null && body.hasNonNull("detail")) {
            return body.get("detail").asText();
        }
        if (body != null && body.hasNonNull("title")) {
            return body.get("title").asText();
        }
        return service + " answered " + status;
    }

    /** The problem's {@code errors[]}, as {@code field → message} pairs in the order given. */
    public List<Map.Entry<String, String>> fieldErrors() {
        List<Map.Entry<String, String>> errors = new ArrayList<>();
        if (body != null && body.path("errors").isArray()) {
            for (JsonNode error : body.get("errors")) {
                errors.add(Map.entry(error.path("field").asText(""), error.path("message").asText("is not valid")));
            }
        }
        return errors;
    }
}
