package dev.flywheel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Every service's readiness and the capability status (exit 3 when the suite is not up).")
public class StatusCommand implements Callable<Integer> {

    @Mixin
    Connection connection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        JsonNode status = connection.client().get("/api/status");
        if (connection.json) {
            Output.json(spec.commandLine().getOut(), status);
        } else {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] { "service", "status", "http", "error" });
            for (JsonNode service : status.path("services")) {
                rows.add(new String[] { Output.text(service, "name"), Output.text(service, "status"),
                        Output.text(service, "http_status"), Output.text(service, "error") });
            }
            Output.table(spec.commandLine().getOut(), rows);
            spec.commandLine().getOut().println("suite: " + Output.text(status, "status") + ", capabilities: "
                    + Output.text(status, "capabilities"));
        }
        return "UP".equalsIgnoreCase(status.path("status").asText()) ? ExitCodes.OK : ExitCodes.SERVER;
    }
}
