package dev.flywheel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.cli.config.ConfigError;
import dev.flywheel.cli.config.LocatedYaml;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify a remediation action taken on an incident (with --wait, exit 1 unless the result is success).")
public class VerifyCommand implements Callable<Integer> {

    @Mixin
    Connection connection;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "<incident.json>", description = "The incident (JSON or YAML).")
    Path incident;

    @Option(names = "--action", required = true, description = "The action that was taken, e.g. restart.")
    String action;

    @Option(names = "--warmup", description = "Seconds to let the action settle before collecting (server default 10).")
    Integer warmup;

    @Option(names = "--wait", description = "Wait for the verdict instead of answering at once with the accepted verification.")
    boolean waitForVerdict;

    @Override
    public Integer call() {
        JsonNode body = LocatedYaml.read(incident).root();
        if (!body.isObject()) {
            throw new ConfigError(incident, 1, "", "an incident is a JSON object");
        }
        ObjectNode request = ((ObjectNode) body).objectNode();
        request.set("incident", body);
        request.put("action_taken", action);
        if (warmup != null) {
            request.put("warmup_sec", warmup);
        }
        JsonNode verification = connection.client().post("/api/verifications" + (waitForVerdict ? "?wait=true" : ""), request);
        if (connection.json) {
            Output.json(spec.commandLine().getOut(), verification);
        } else {
            spec.commandLine().getOut().println("verification " + Output.text(verification, "id") + ": "
                    + Output.text(verification, "status") + ", result " + Output.text(verification, "result"));
        }
        if (!waitForVerdict) {
            return ExitCodes.OK;
        }
        return "success".equals(verification.path("result").asText()) ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
