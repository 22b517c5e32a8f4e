package dev.flywheel.cli.api;

import com.fasterxml.jackson.databind.JsonNode;

/** The server answered with an error status; the message carries the problem's detail and its fields. */
public class ApiError extends RuntimeException {

    private final int status;
    private final transient JsonNode problem;

    public ApiError(String call, int status, JsonNode problem) {
        super(call + " answered " + status + describe(problem));
        this.status = status;
        this.problem = problem;
    }

    public int status() {
        return status;
    }

    public JsonNode problem() {
        return problem;
    }

    private static String describe(JsonNode problem) {
        if (problem == null || !problem.isObject()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        String detail = problem.path("detail").asText(problem.path("title").asText(""));
        if (!detail.isEmpty()) {
            text.append(": ").append(detail);
        }
        for (JsonNode error : problem.path("errors")) {
            text.append("\n  ").append(error.path("field").asText()).append(": ").append(error.path("message").asText());
        }
        return text.toString();
    }
}
