package dev.flywheel.deploy.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.deploy.JvmFlags;
import dev.flywheel.deploy.Repo;
import dev.flywheel.deploy.local.StandInJava;
import dev.flywheel.deploy.services.ServiceCatalog;
import dev.flywheel.deploy.services.ServiceFacts;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each service's src/main/docker/Dockerfile.jvm packs the Quarkus fast-jar the way the manifests expect to run it. */
class DockerfileJvmTest {

    private static final Pattern GC_SELECTION = Pattern.compile("-XX:\\+Use\\w+GC");
    private static final Pattern MAX_RAM = Pattern.compile("-XX:MaxRAMPercentage=(\\d+(?:\\.\\d+)?)");
    private static final Pattern ARCHIVE_AT_EXIT = Pattern.compile("-XX:ArchiveClassesAtExit=(\\S+)");
    private static final Pattern TRAINING_PORT = Pattern.compile("QUARKUS_HTTP_PORT=(\\d+)");

    static List<String> modules() {
        return ServiceCatalog.MODULES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void copiesTheFastJarInFourLayersOwnedByTheRuntimeUser(String module) {
        Dockerfile dockerfile = dockerfile(module);

        assertThat(dockerfile.arguments("COPY")).containsExactly(
                "--chown=185 target/quarkus-app/lib/ /deployments/lib/",
                "--chown=185 target/quarkus-app/*.jar /deployments/",
                "--chown=185 target/quarkus-app/app/ /deployments/app/",
                "--chown=185 target/quarkus-app/quarkus/ /deployments/quarkus/");
        assertThat(dockerfile.environment()).containsEntry("JAVA_APP_JAR", "/deployments/quarkus-run.jar");
        assertThat(dockerfile.arguments("ENTRYPOINT")).containsExactly("[ \"/opt/jboss/container/java/run/run-java.sh\" ]");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void runsAsTheNonRootUserTheManifestsExpect(String module) {
        Dockerfile dockerfile = dockerfile(module);

        assertThat(dockerfile.arguments("USER")).isNotEmpty().last().isEqualTo("185");
        assertThat(dockerfile.lastIndexOf("USER")).as("USER comes after every COPY")
                .isGreaterThan(dockerfile.lastIndexOf("COPY"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void exposesTheConfiguredPortFromAPinnedBaseImage(String module) {
        ServiceFacts service = ServiceCatalog.describe(module);
        Dockerfile dockerfile = dockerfile(module);

        assertThat(dockerfile.arguments("EXPOSE")).containsExactly(String.valueOf(service.port()));
        assertThat(dockerfile.arguments("FROM")).singleElement().satisfies(image -> {
            String tag = image.substring(image.lastIndexOf('/') + 1);
            assertThat(tag).contains(":").doesNotEndWith(":latest");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void sizesTheJvmFromTheContainerLimitAndChoosesOneCollector(String module) {
        Map<String, String> environment = dockerfile(module).environment();
        String options = environment.getOrDefault("JAVA_OPTS_APPEND", "");
        String collector = environment.getOrDefault("GC_CONTAINER_OPTIONS", "");

        Matcher maxRam = MAX_RAM.matcher(options);
        assertThat(maxRam.find()).as("-XX:MaxRAMPercentage in JAVA_OPTS_APPEND").isTrue();
        assertThat(Double.parseDouble(maxRam.group(1))).as("heap share of the container limit").isBetween(50.0, 80.0);
        assertThat(options).contains("-XX:+ExitOnOutOfMemoryError", "-Dquarkus.http.host=0.0.0.0");
        assertThat(GC_SELECTION.matcher(options).results().count())
                .as("a collector in JAVA_OPTS_APPEND would clash with the image's default").isZero();
        assertThat(GC_SELECTION.matcher(collector).results().count())
                .as("GC_CONTAINER_OPTIONS selects exactly one collector").isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void runsWithTheSharedJvmFlagsAndEnvironment(String module) {
        Map<String, String> environment = dockerfile(module).environment();
        List<String> flags = Arrays.asList((environment.getOrDefault("GC_CONTAINER_OPTIONS", "") + " "
                + environment.getOrDefault("JAVA_OPTS_APPEND", "")).strip().split("\\s+"));

        assertThat(flags).as("deploy/jvm.flags").containsAll(JvmFlags.shared());
        assertThat(flags).as(module + "/src/main/jvm.flags").containsAll(JvmFlags.module(module));
        assertThat(environment).containsAllEntriesOf(JvmFlags.environment());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void makesItsAppCdsArchiveFromATrainingRunWithItsOwnJvmAndRunsWithIt(String module) {
        Dockerfile dockerfile = dockerfile(module);
        Map<String, String> environment = dockerfile.environment();

        assertThat(dockerfile.lastIndexOf("RUN")).as("the archive is made once the jar is in place")
                .isGreaterThan(dockerfile.lastIndexOf("COPY"));
        String run = dockerfile.arguments("RUN").get(dockerfile.arguments("RUN").size() - 1);
        Matcher archive = ARCHIVE_AT_EXIT.matcher(run);
        assertThat(archive.find()).as("-XX:ArchiveClassesAtExit in " + run).isTrue();
        assertThat(run).as("a training run of the whole service, with no database or Redis at image build")
                .contains("QUARKUS_FLYWAY_MIGRATE_AT_START=false", "-jar " + environment.get("JAVA_APP_JAR"), "kill ")
                .doesNotContain("-Dquarkus.appcds.generate=true");
        assertThat(dockerfile.arguments("SHELL")).as("the training's probes use bash's /dev/tcp")
                .containsExactly("[\"/bin/bash\", \"-c\"]");
        assertThat(environment.getOrDefault("JAVA_OPTS_APPEND", "").split("\\s+"))
                .contains("-XX:SharedArchiveFile=" + archive.group(1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void theTrainingRunStopsTheServiceItStartedSoThatItWritesTheArchive(String module, @TempDir Path deployments, @TempDir Path bin)
            throws Exception {
        String run = dockerfile(module).arguments("RUN").get(dockerfile(module).arguments("RUN").size() - 1);
        Matcher port = TRAINING_PORT.matcher(run);
        assertThat(port.find()).as("QUARKUS_HTTP_PORT in " + run).isTrue();
        String script = run.replace("/deployments", deployments.toString()).replace("/tmp/training.log", deployments + "/training.log")
                .replace(port.group(1), String.valueOf(freePort()));
        StandInJava.trainable(bin);

        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process training = builder.start();
        try {
            String output = new String(training.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(training.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(training.exitValue()).as(output).isZero();
        } finally {
            StandInJava.stopIfRunning(deployments);
        }
        assertThat(Files.readString(deployments.resolve("app-cds.jsa"))).isEqualTo("trained\n");
        assertThat(Files.readAllLines(deployments.resolve("training-paths"))).contains("/q/health/ready", "/q/metrics", "/q/openapi");
        assertThat(Files.readString(deployments.resolve("training-args"))).contains("flyway=false");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void theModuleStillPackagesAFastJar(String module) {
        String properties = Repo.read(module + "/src/main/resources/application.properties");

        assertThat(Arrays.stream(properties.split("\n")).map(String::strip)
                .filter(line -> line.matches("^(%\\w+\\.)?quarkus\\.package\\.jar\\.type\\s*=.*")))
                .allSatisfy(line -> assertThat(line).endsWith("fast-jar"));
    }

    @Test
    void parserJoinsContinuationLinesAndUnquotesEnvValues() {
        Dockerfile dockerfile = Dockerfile.parse("""
                # comment
                FROM base:1
                ENV A="x y" \\
                    B=plain
                ENV C='single' D="with \\"quote\\""
                user 185
                """);

        assertThat(dockerfile.environment()).containsExactly(
                Map.entry("A", "x y"), Map.entry("B", "plain"), Map.entry("C", "single"), Map.entry("D", "with \"quote\""));
        assertThat(dockerfile.arguments("USER")).containsExactly("185");
        assertThat(dockerfile.instructions()).hasSize(4);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Dockerfile dockerfile(String module) {
        return Dockerfile.parse(Repo.read(module + "/src/main/docker/Dockerfile.jvm"));
    }
}
