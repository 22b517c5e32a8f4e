package dev.flywheel.cli.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Judges a case from its run as the API answers it: a run that did not complete is an error of the case; otherwise
 * each assertion passes when its scorer's score reaches its threshold (1.0 for deterministic ones, 0.5 for
 * llm-rubric, or the assertion's own), and the case passes when every assertion does — or, when the test sets a
 * {@code threshold}, when the weighted mean of its scores reaches it (promptfoo's rule).
 */
public final class PassRules {

    private PassRules() {
    }

    public static CaseResult judge(EvalCase evalCase, JsonNode run) {
        UUID runId = run.hasNonNull("id") ? UUID.fromString(run.get("id").asText()) : null;
        String status = run.path("status").asText();
        String output = finalOutput(run);
        Long latency = latency(run);
        boolean cached = cached(run);
        if (!status.equals("completed")) {
            String error = status.equals("cancelled") ? "cancelled" : "run " + status + ": " + run.path("error").asText("");
            return new CaseResult(evalCase, runId, CaseResult.Outcome.ERROR, null, latency, cached, output, error, List.of());
        }
        List<CaseResult.AssertionResult> results = new ArrayList<>();
        double weighted = 0;
        double weights = 0;
        boolean allPass = true;
        for (int i = 0; i < evalCase.assertions().size(); i++) {
            Assertion assertion = evalCase.assertions().get(i);
            String name = evalCase.scorerNames().get(i);
            double threshold = AssertionMapping.threshold(assertion);
            Double score = score(run, name);
            String reason = null;
            boolean pass;
            if (score == null) {
                String scorerError = scorerError(run, name);
                reason = scorerError != null ? "scorer failed: " + scorerError : "no score";
                pass = false;
            } else {
                pass = score >= threshold;
                if (!pass) {
                    reason = String.format("%s scored %.2f, below %.2f", assertion.type(), score, threshold);
                }
            }
            allPass &= pass;
            weighted += (score == null ? 0 : score) * assertion.weight();
            weights += assertion.weight();
            results.add(new CaseResult.AssertionResult(assertion, name, score, threshold, pass, reason));
        }
        Double mean = weights > 0 ? weighted / weights : null;
        boolean pass = evalCase.testThreshold() != null && mean != null ? mean >= evalCase.testThreshold() : allPass;
        return new CaseResult(evalCase, runId, pass ? CaseResult.Outcome.PASS : CaseResult.Outcome.FAIL,
                mean == null ? (pass ? 1.0 : 0.0) : mean, latency, cached, output, null, List.copyOf(results));
    }

    private static Double score(JsonNode run, String name) {
        for (JsonNode score : run.path("scores")) {
            if (name.equals(score.path("scorer_name").asText()) && score.hasNonNull("value")) {
                return score.get("value").asDouble();
            }
        }
        return null;
    }

    private static String scorerError(JsonNode run, String name) {
        for (JsonNode error : run.path("scorer_errors")) {
            if (name.equals(error.path("scorer_name").asText())) {
                return error.path("error").asText();
            }
        }
        return null;
    }

    private static String finalOutput(JsonNode run) {
        JsonNode stages = run.path("stages");
        return stages.isArray() && !stages.isEmpty() ? stages.get(stages.size() - 1).path("response_raw").asText(null) : null;
    }

    private static Long latency(JsonNode run) {
        JsonNode stages = run.path("stages");
        if (stages.isArray() && !stages.isEmpty()) {
            long sum = 0;
            for (JsonNode stage : stages) {
                sum += stage.path("latency_ms").asLong();
            }
            return sum;
        }
        return run.hasNonNull("duration_ms") ? run.get("duration_ms").asLong() : null;
    }

    private static boolean cached(JsonNode run) {
        JsonNode stages = run.path("stages");
        if (!stages.isArray() || stages.isEmpty()) {
            return false;
        }
        for (JsonNode stage : stages) {
            if (!stage.path("cached").asBoolean()) {
                return false;
            }
        }
        return true;
    }
}
