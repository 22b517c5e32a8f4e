package dev.flywheel.run.run;

import java.util.ArrayList;
import java.util.List;

/**
 * The config fields an agent-linked run sets itself instead of taking them from the agent (SPEC §10):
 * its model and its template, per stage for a pipeline. Such a run did not run the variant's config, so
 * variant-service leaves it out of the variant's metrics. Params are not counted: the variant's
 * comparison is about which model and prompt serve the agent best.
 */
public final class OverriddenFields {

    private OverriddenFields() {
    }

    public static List<String> of(RunRequest request) {
        if (!request.agentLinked()) {
            return List.of();
        }
        List<String> fields = new ArrayList<>();
        if (request.model() != null) {
            fields.add("model");
        }
        if (request.prompt() != null) {
            fields.add("prompt");
        }
        if (request.pipelineStages() != null) {
            for (int i = 0; i < request.pipelineStages().size(); i++) {
                StageRequest stage = request.pipelineStages().get(i);
                fields.add("pipeline_stages[" + i + "].prompt_template");
                if (stage.model() != null) {
                    fields.add("pipeline_stages[" + i + "].model");
                }
            }
        }
        return List.copyOf(fields);
    }
}
