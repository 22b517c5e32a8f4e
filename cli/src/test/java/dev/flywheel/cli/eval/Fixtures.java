package dev.flywheel.cli.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Cases and runs (as the API answers them) for the rules and report tests. */
final class Fixtures {

    static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    static Assertion assertion(String type, Double threshold) {
        return new Assertion(type, JSON.getNodeFactory().textNode("x"), threshold, 1.0, null, Path.of("c.yaml"), 3,
                "tests[0].assert[0].type");
    }

    static EvalCase evalCase(int index, String prompt, String provider, String description, Double testThreshold,
            Assertion... assertions) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < assertions.length; i++) {
            names.add("assert-" + (i + 1) + "-" + assertions[i].type());
        }
        return new EvalCase(index, prompt, provider, index, description, JSON.createObjectNode().put("q", "v" + index),
                List.of(assertions), names, testThreshold, 0, JSON.createObjectNode());
    }

    /** A run that ended with this status, its output, and scores by scorer name (null value: no score). */
    static ObjectNode run(String status, String output, Object... scores) {
        ObjectNode run = JSON.createObjectNode().put("id", UUID.randomUUID().toString()).put("status", status);
        if (!status.equals("completed")) {
            run.put("error", status.equals("failed") ? "stage 0 (openai:x): 500" : "cancelled");
        }
        ArrayNode stages = run.putArray("stages");
        if (output != null) {
            stages.addObject().put("stage_index", 0).put("response_raw", output).put("latency_ms", 52).put("cached", false);
        }
        ArrayNode list = run.putArray("scores");
        for (int i = 0; i < scores.length; i += 2) {
            if (scores[i + 1] != null) {
                list.addObject().put("scorer_name", (String) scores[i]).put("value", ((Number) scores[i + 1]).doubleValue());
            }
        }
        run.putArray("scorer_errors");
        return run;
    }
}
