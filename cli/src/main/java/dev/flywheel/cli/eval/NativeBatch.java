package dev.flywheel.cli.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.cli.config.LocatedYaml;
import java.util.ArrayList;
import java.util.List;

/**
 * A native Flywheel batch file: {@code {description?, runs: [<run config>, …]}}, the body of
 * {@code runs:bulk}. Each run's scorers are its assertions; a scorer spec may carry a CLI-only
 * {@code threshold} (default 1.0), removed before submitting.
 */
final class NativeBatch {

    private NativeBatch() {
    }

    static EvalSuite load(LocatedYaml yaml, EvalOptions options) {
        JsonNode runs = yaml.root().get("runs");
        if (!runs.isArray() || runs.isEmpty()) {
            throw yaml.error("runs", "runs is a non-empty list of run configs");
        }
        List<EvalCase> cases = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            String at = "runs[" + i + "]";
            if (!runs.get(i).isObject()) {
                throw yaml.error(at, "a run config is a mapping (prompt, model, scorers, ...)");
            }
            for (int r = 0; r < options.repeat(); r++) {
                cases.add(runCase(yaml, at, i, (ObjectNode) runs.get(i).deepCopy(), options, r, cases.size()));
            }
        }
        String description = yaml.root().path("description").asText(yaml.file().getFileName().toString());
        return new EvalSuite(description, List.copyOf(cases), List.of());
    }

    private static EvalCase runCase(LocatedYaml yaml, String at, int i, ObjectNode run, EvalOptions options, int repeat,
            int index) {
        List<Assertion> assertions = new ArrayList<>();
        List<String> names = new ArrayList<>();
        JsonNode scorers = run.get("scorers");
        if (scorers != null && scorers.isArray()) {
            for (int s = 0; s < scorers.size(); s++) {
                JsonNode spec = scorers.get(s);
                if (!spec.isObject()) {
                    throw yaml.error(at + ".scorers[" + s + "]", "a scorer is a mapping with a type");
                }
                ObjectNode scorer = (ObjectNode) spec;
                String name = scorer.path("name").asText("scorer-" + (s + 1) + "-" + scorer.path("type").asText());
                scorer.put("name", name);
                Double threshold = scorer.has("threshold") ? Double.valueOf(scorer.remove("threshold").asDouble()) : null;
                assertions.add(new Assertion(scorer.path("type").asText(), null, threshold, 1.0, null, yaml.file(),
                        yaml.line(at + ".scorers[" + s + "]"), at + ".scorers[" + s + "]"));
                names.add(name);
            }
        }
        if (options.noCache()) {
            run.put("cache", false);
        }
        if (repeat > 0) {
            run.put("repeat", repeat);
        }
        if (options.agent() != null && !run.has("agent_slug") && !run.has("agent_id")) {
            run.put("agent_slug", options.agent());
        }
        String prompt = run.path("prompt").asText(run.has("pipeline_stages") ? "pipeline" : "agent");
        String model = run.path("model").asText(run.has("agent_slug") ? "agent " + run.get("agent_slug").asText() : "default");
        ObjectNode vars = run.get("vars") instanceof ObjectNode given ? given : JsonNodeFactory.instance.objectNode();
        return new EvalCase(index, prompt.length() > 40 ? prompt.substring(0, 39) + "…" : prompt, model, i,
                run.path("description").asText(null), vars, List.copyOf(assertions), List.copyOf(names), null, repeat, run);
    }
}
