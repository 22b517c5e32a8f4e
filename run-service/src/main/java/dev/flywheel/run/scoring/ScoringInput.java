package dev.flywheel.run.scoring;

import com.fasterxml.jackson.databind.JsonNode;

/** What a scorer sees: the run's input data, its final output and the whole run config. */
public record ScoringInput(JsonNode inputData, String output, JsonNode config) {

    /** The input data as text: a JSON string's value, other JSON as written, '' when absent. */
    public String inputText() {
        if (inputData == null || inputData.isNull() || inputData.isMissingNode()) {
            return "";
        }
        return inputData.isTextual() ? inputData.asText() : inputData.toString();
    }
}
