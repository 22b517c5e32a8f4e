package dev.flywheel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.cli.config.ConfigError;
import java.io.PrintWriter;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "runs", mixinStandardHelpOptions = true, description = "Inspect runs.")
public class RunsCommand {

    @Spec
    CommandSpec spec;

    @Command(name = "show", mixinStandardHelpOptions = true, description = "A run with its stages and scores.")
    int show(@Mixin Connection connection, @Parameters(paramLabel = "<id>") String id) {
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ConfigError(null, 0, "<id>", "'" + id + "' is not a run id (a UUID)");
        }
        JsonNode run = connection.client().get("/api/runs/" + id);
        PrintWriter out = spec.commandLine().getOut();
        if (connection.json) {
            Output.json(out, run);
            return ExitCodes.OK;
        }
        out.println("run " + Output.text(run, "id") + ": " + Output.text(run, "status") + " (experiment "
                + Output.text(run, "experiment_id") + ", " + Output.text(run, "duration_ms") + " ms, tokens "
                + Output.text(run, "tokens_in") + "/" + Output.text(run, "tokens_out") + ")");
        if (run.hasNonNull("error")) {
            out.println("error: " + run.get("error").asText());
        }
        for (JsonNode stage : run.path("stages")) {
            out.println("stage " + Output.text(stage, "stage_index") + " " + Output.text(stage, "model_used") + " "
                    + Output.text(stage, "latency_ms") + " ms" + (stage.path("cached").asBoolean() ? " (cached)" : ""));
            out.println("  prompt:   " + Output.text(stage, "prompt_sent").replace("\n", "\n            "));
            out.println("  response: " + Output.text(stage, "response_raw").replace("\n", "\n            "));
        }
        for (JsonNode score : run.path("scores")) {
            out.println("score " + Output.text(score, "scorer_name") + " = " + Output.text(score, "value"));
        }
        for (JsonNode error : run.path("scorer_errors")) {
            out.println("scorer error " + Output.text(error, "scorer_name") + ": " + Output.text(error, "error"));
        }
        return ExitCodes.OK;
    }
}
