package dev.flywheel.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.deploy.JvmFlags;
import dev.flywheel.deploy.Repo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** up.sh and the start-up benchmark run the services with the shared flags of deploy/jvm.flags (issue 9). */
class LocalJvmFlagsTest {

    @Test
    void jvmFlagsAreTheSharedOnesWithTheLocalHeapCeilingAndTheBuildsAppCdsArchive(@TempDir Path app) throws Exception {
        Files.writeString(app.resolve("app-cds.jsa"), "archive");

        List<String> expected = new ArrayList<>(JvmFlags.shared());
        expected.add("-Xmx192m");
        expected.add("-XX:SharedArchiveFile=" + app.resolve("app-cds.jsa"));
        assertThat(jvmFlags(app)).containsExactlyElementsOf(expected);
    }

    @Test
    void jvmFlagsAddTheModulesOwnFlagsAfterTheSharedOnes(@TempDir Path module) throws Exception {
        Path app = Files.createDirectories(module.resolve("target/quarkus-app"));
        Files.createDirectories(module.resolve("src/main"));
        Files.writeString(module.resolve("src/main/jvm.flags"), "# why\n\n-XX:TieredStopAtLevel=1\n-Dsome.flag=x\n");

        List<String> expected = new ArrayList<>(JvmFlags.shared());
        expected.addAll(List.of("-XX:TieredStopAtLevel=1", "-Dsome.flag=x", "-Xmx192m"));
        assertThat(jvmFlags(app)).containsExactlyElementsOf(expected);
    }

    @Test
    void selftestServiceRunsLocallyWithItsOwnFlags() throws Exception {
        assertThat(JvmFlags.module("selftest-service")).contains("-XX:TieredStopAtLevel=1");
        assertThat(jvmFlags(Repo.file("selftest-service/target/quarkus-app")))
                .containsSubsequence(JvmFlags.module("selftest-service"));
        assertThat(jvmFlags(Repo.file("run-service/target/quarkus-app")))
                .as("only selftest-service has no throughput target that needs C2")
                .doesNotContain("-XX:TieredStopAtLevel=1");
    }

    @Test
    void jvmFlagsLeaveTheArchiveOutWhenTheBuildMadeNone(@TempDir Path app) throws Exception {
        assertThat(jvmFlags(app)).containsAll(JvmFlags.shared())
                .noneMatch(flag -> flag.startsWith("-XX:SharedArchiveFile"));
    }

    @Test
    void serviceJavaRunsTheJarFromItsDirectoryWithTheFlagsAndEnvironment(@TempDir Path app, @TempDir Path bin) throws Exception {
        Files.writeString(app.resolve("app-cds.jsa"), "archive");
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/usr/bin/env bash\necho \"cwd=$PWD\"\necho \"env=MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX\"\necho \"args=$*\"\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();

        List<String> lines = bash("PATH=\"$1:$PATH\"; service_java \"$0\"", app.toString(), bin.toString());

        assertThat(lines).containsExactly(
                "cwd=" + app,
                "env=MALLOC_ARENA_MAX=" + JvmFlags.environment().get("MALLOC_ARENA_MAX"),
                "args=" + String.join(" ", jvmFlags(app)) + " -jar " + app.resolve("quarkus-run.jar"));
    }

    @Test
    void upAndTheStartUpBenchmarkStartEveryServiceThroughServiceJava() {
        for (String script : List.of("deploy/local/up.sh", "bench/startup-memory.sh")) {
            assertThat(Repo.read(script)).as(script).contains("service_java \"")
                    .doesNotContainPattern("-XX:[+-]?\\w|-Xm[sx]\\d");
        }
    }

    private static List<String> jvmFlags(Path app) throws IOException, InterruptedException {
        return Arrays.asList(bash("jvm_flags \"$0\"", app.toString()).get(0).strip().split("\\s+"));
    }

    /** Runs a command after sourcing infra.sh, from the repository root; returns its output lines. */
    private static List<String> bash(String command, String... arguments) throws IOException, InterruptedException {
        List<String> commandLine = new ArrayList<>(List.of("bash", "-c", "unset FLYWHEEL_JAVA_OPTS; source deploy/local/infra.sh && " + command));
        commandLine.addAll(List.of(arguments));
        Process bash = new ProcessBuilder(commandLine).directory(Repo.root().toFile()).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(output).isZero();
        return output.lines().toList();
    }
}
