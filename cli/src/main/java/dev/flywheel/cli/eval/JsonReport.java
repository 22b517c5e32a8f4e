package dev.flywheel.cli.eval;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The results as JSON: the summary and every case with its run, output and assertion scores. */
public final class JsonReport {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonReport() {
    }

    public static ObjectNode of(EvalReport report, Double threshold) {
        ObjectNode root = NODES.objectNode();
        root.put("experiment_id", String.valueOf(report.experimentId()));
        root.put("description", report.description());
        root.put("started_at", report.startedAt().toString());
        ObjectNode summary = root.putObject("summary");
        summary.put("cases", report.results().size()).put("passed", report.passed()).put("failed", report.failed())
                .put("errors", report.errors()).put("cached", report.cached()).put("pass_rate", report.passRate())
                .put("duration_ms", report.elapsed().toMillis()).put("exit_code", report.exitCode(threshold));
        if (threshold != null) {
            summary.put("threshold", threshold);
        }
        ArrayNode results = root.putArray("results");
        for (CaseResult result : report.results()) {
            EvalCase c = result.evalCase();
            ObjectNode item = results.addObject();
            item.put("index", c.index()).put("prompt", c.prompt()).put("provider", c.provider()).put("test_index", c.test())
                    .put("test", c.testName()).put("repeat", c.repeat());
            item.set("vars", c.vars());
            item.put("run_id", String.valueOf(result.runId())).put("result", result.outcome().name().toLowerCase())
                    .put("pass", result.passed());
            if (result.score() != null) {
                item.put("score", result.score());
            }
            if (result.latencyMs() != null) {
                item.put("latency_ms", result.latencyMs());
            }
            item.put("cached", result.cached()).put("output", result.output()).put("error", result.error());
            ArrayNode assertions = item.putArray("assertions");
            for (CaseResult.AssertionResult assertion : result.assertions()) {
                ObjectNode a = assertions.addObject().put("type", assertion.assertion().type())
                        .put("scorer", assertion.scorerName()).put("threshold", assertion.threshold())
                        .put("pass", assertion.pass()).put("reason", assertion.reason());
                a.set("value", assertion.assertion().value());
                if (assertion.score() != null) {
                    a.put("score", assertion.score());
                }
            }
            item.set("config", c.runConfig());
        }
        return root;
    }
}
