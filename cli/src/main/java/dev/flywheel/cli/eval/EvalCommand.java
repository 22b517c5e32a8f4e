package dev.flywheel.cli.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.cli.Connection;
import dev.flywheel.cli.api.ApiClient;
import dev.flywheel.cli.config.ConfigError;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a promptfoo config (or a native Flywheel batch file) on the suite.")
public class EvalCommand implements Callable<Integer> {

    @Mixin
    Connection connection;

    @Spec
    CommandSpec spec;

    @Option(names = { "-c", "--config" }, required = true, description = "promptfoo config (YAML/JSON) or Flywheel batch file.")
    Path config;

    @Option(names = { "-o", "--output" }, description = "Write results to this file: .json (every run) or .xml (JUnit). Repeatable.")
    List<Path> outputs = new ArrayList<>();

    @Option(names = "--threshold", description = "Exit 1 only when the pass rate (0-1) is lower than this.")
    Double threshold;

    @Option(names = "--no-cache", description = "Do not use the response cache.")
    boolean noCache;

    @Option(names = "--repeat", defaultValue = "1", description = "Run every case this many times (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--agent", description = "Run the tests against this agent's active variant instead of prompts × providers.")
    String agent;

    @Option(names = "--batch-size", defaultValue = "1000", description = "Runs per runs:bulk request (run-service's run.limits.max-batch-runs; default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--poll-interval", defaultValue = "250", description = "Milliseconds between polls of the run list when the server has no experiment event stream (default: ${DEFAULT-VALUE}).")
    long pollMillis;

    @Override
    public Integer call() throws Exception {
        checkOptions();
        EvalSuite suite = PromptfooConfig.load(config, new EvalOptions(noCache, repeat, agent));
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        suite.warnings().forEach(warning -> err.println("warning: " + warning));
        if (suite.cases().isEmpty()) {
            throw new ConfigError(config, 0, "tests", "the config has no test cases");
        }
        ApiClient client = connection.client();
        EvalRunner runner = new EvalRunner(client, batchSize, Duration.ofMillis(pollMillis));
        boolean terminal = System.console() != null;
        EvalReport report = runner.run(suite, new ProgressView(err, terminal, suite.cases().size()), err);
        for (Path output : outputs) {
            write(report, output);
        }
        if (connection.json) {
            out.println(ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JsonReport.of(report, threshold)));
        } else {
            ResultsTable.print(report, out, terminal);
        }
        out.flush();
        return report.exitCode(threshold);
    }

    private void checkOptions() {
        if (threshold != null && (threshold < 0 || threshold > 1)) {
            throw new ConfigError(null, 0, "--threshold", "must be between 0 and 1");
        }
        if (repeat < 1 || repeat > 1000) {
            throw new ConfigError(null, 0, "--repeat", "must be between 1 and 1000");
        }
        if (batchSize < 1) {
            throw new ConfigError(null, 0, "--batch-size", "must be at least 1");
        }
        for (Path output : outputs) {
            String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
            if (!name.endsWith(".json") && !name.endsWith(".xml")) {
                throw new ConfigError(null, 0, "--output", output + ": write .json or .xml (JUnit)");
            }
        }
    }

    private static void write(EvalReport report, Path output) throws IOException {
        if (output.toAbsolutePath().getParent() != null) {
            Files.createDirectories(output.toAbsolutePath().getParent());
        }
        if (output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml")) {
            JunitXml.write(report, output);
        } else {
            ObjectNode json = JsonReport.of(report, null);
            ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValue(output.toFile(), json);
        }
    }
}
