package dev.flywheel.run.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Typed reads of scorer spec options, each failing with {@link InvalidScorerSpec} naming the option. */
final class SpecOptions {

    private SpecOptions() {
    }

    static String requiredText(JsonNode spec, String option) {
        JsonNode value = spec.get(option);
        if (value == null || !value.isTextual()) {
            throw new InvalidScorerSpec(option, "is required and must be a string");
        }
        return value.asText();
    }

    static String optionalText(JsonNode spec, String option, String fallback) {
        JsonNode value = spec.get(option);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw new InvalidScorerSpec(option, "must be a string");
        }
        return value.asText();
    }

    static boolean flag(JsonNode spec, String option, boolean fallback) {
        JsonNode value = spec.get(option);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new InvalidScorerSpec(option, "must be true or false");
        }
        return value.asBoolean();
    }

    static Integer optionalCount(JsonNode spec, String option) {
        JsonNode value = spec.get(option);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 0) {
            throw new InvalidScorerSpec(option, "must be a whole number ≥ 0");
        }
        return value.asInt();
    }

    static List<String> texts(JsonNode spec, String option) {
        JsonNode value = spec.get(option);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new InvalidScorerSpec(option, "must be a list of strings");
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw new InvalidScorerSpec(option, "must be a list of strings");
            }
            texts.add(element.asText());
        }
        return List.copyOf(texts);
    }
}
