package dev.flywheel.common.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * RFC 9457 problem details, the one error shape every Flywheel service answers with (SPEC §3).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    /** The media type problem details are served as. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** One offending input field and what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    public static Problem of(int status, String title, String detail, String instance) {
        return new Problem(typeFor(status), title, status, detail, instance, null);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, List.copyOf(fieldErrors));
    }

    private static String typeFor(int status) {
        return "https://flywheel.dev/problems/" + status;
    }
}
