package dev.flywheel.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.deploy.Repo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * train_appcds (deploy/local/infra.sh) replaces the build's AppCDS archive by one from a training run, once per
 * build, and keeps the build's archive when training fails (issue 21), with {@link StandInJava} for the JVM.
 */
class AppCdsTrainingTest {

    @Test
    void aTrainingRunReplacesTheBuildsArchiveOnceAndRunsWithoutFlywayOrTheOldArchive(@TempDir Path app, @TempDir Path bin)
            throws Exception {
        Files.writeString(app.resolve("app-cds.jsa"), "build");
        StandInJava.trainable(bin);

        bash("PATH=\"$1:$PATH\"; train_appcds \"$0\"", app.toString(), bin.toString());

        assertThat(Files.readString(app.resolve("app-cds.jsa"))).isEqualTo("trained\n");
        assertThat(app.resolve("app-cds.trained")).exists();
        String args = Files.readString(app.resolve("training-args"));
        assertThat(args).contains("-XX:ArchiveClassesAtExit=" + app.resolve("app-cds.jsa"), "-jar " + app.resolve("quarkus-run.jar"),
                "flyway=false").doesNotContain("-XX:SharedArchiveFile");
        assertThat(Files.readAllLines(app.resolve("training-paths"))).contains("/q/health/ready", "/q/metrics", "/q/openapi");

        Files.delete(app.resolve("training-args"));
        bash("PATH=\"$1:$PATH\"; train_appcds \"$0\"", app.toString(), bin.toString());
        assertThat(app.resolve("training-args")).as("a trained build is not trained again").doesNotExist();
    }

    @Test
    void aNewBuildsArchiveIsTrainedAgain(@TempDir Path app, @TempDir Path bin) throws Exception {
        Files.writeString(app.resolve("app-cds.trained"), "");
        Files.setLastModifiedTime(app.resolve("app-cds.trained"), FileTime.from(Instant.now().minusSeconds(60)));
        Files.writeString(app.resolve("app-cds.jsa"), "rebuilt");
        StandInJava.trainable(bin);

        bash("PATH=\"$1:$PATH\"; train_appcds \"$0\"", app.toString(), bin.toString());

        assertThat(Files.readString(app.resolve("app-cds.jsa"))).isEqualTo("trained\n");
    }

    @Test
    void aFailedTrainingKeepsTheBuildsArchiveAndTriesAgainNextTime(@TempDir Path app, @TempDir Path bin) throws Exception {
        Files.writeString(app.resolve("app-cds.jsa"), "build");
        StandInJava.failing(bin);

        List<String> output = bash("PATH=\"$1:$PATH\"; train_appcds \"$0\" || echo failed", app.toString(), bin.toString());

        assertThat(output).contains("failed");
        assertThat(Files.readString(app.resolve("app-cds.jsa"))).isEqualTo("build");
        assertThat(app.resolve("app-cds.trained")).doesNotExist();
        assertThat(Files.readString(app.resolve("app-cds-training.log"))).contains("no database");
    }

    /** Runs a command after sourcing infra.sh, from the repository root; returns its output lines. */
    private static List<String> bash(String command, String... arguments) throws IOException, InterruptedException {
        List<String> commandLine = new ArrayList<>(List.of("bash", "-c", "source deploy/local/infra.sh && " + command));
        commandLine.addAll(List.of(arguments));
        Process bash = new ProcessBuilder(commandLine).directory(Repo.root().toFile()).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(output).isZero();
        return output.lines().toList();
    }
}
