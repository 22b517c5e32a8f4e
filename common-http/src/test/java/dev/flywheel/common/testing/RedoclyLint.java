package dev.flywheel.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Lints an OpenAPI document with Redocly CLI's {@code recommended} rules (SPEC §10), the linter API tooling
 * users run. The CLI is installed from npm on first use into the git-ignored {@code .flywheel/tools/redocly} of
 * the checkout, so a fresh clone needs only Node and network to npm.
 */
public final class RedoclyLint {

    /** The CLI version: 2.77.0 installs cleanly (1.34.21 does not). */
    public static final String VERSION = "2.77.0";

    private RedoclyLint() {
    }

    /** Fails with Redocly's report when the document has any error under the recommended rules. */
    public static void assertClean(String document, String name) {
        try {
            Path dir = Files.createTempDirectory("redocly");
            Path file = dir.resolve(name + ".json");
            Files.writeString(file, document);
            Result result = run(List.of(cli().toString(), "lint", "--extends", "recommended", file.toString()));
            assertThat(result.exitCode()).as("redocly lint of %s:%n%s", name, result.output()).isZero();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized Path cli() throws IOException {
        Path tools = repositoryRoot().resolve(".flywheel/tools/redocly");
        Path cli = tools.resolve("node_modules/.bin/redocly");
        if (!Files.isExecutable(cli)) {
            Files.createDirectories(tools);
            Result install = run(List.of("npm", "install", "--no-audit", "--no-fund", "--prefix", tools.toString(),
                    "@redocly/cli@" + VERSION));
            assertThat(install.exitCode()).as("npm install @redocly/cli@%s:%n%s", VERSION, install.output()).isZero();
        }
        return cli;
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("not inside the Flywheel checkout: no mvnw above " + Path.of("").toAbsolutePath());
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("REDOCLY_TELEMETRY", "off");
        builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        Process process = builder.start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish");
            }
            return new Result(process.exitValue(), output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
