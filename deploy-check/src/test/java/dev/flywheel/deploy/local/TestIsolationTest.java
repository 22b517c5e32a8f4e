package dev.flywheel.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.deploy.Repo;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The README's order is {@code deploy/local/up.sh}, then {@code ./mvnw verify}: the tests run beside a suite that
 * holds ports 8080–8084 and publishes on the default channels. Every module's tests must therefore listen on a
 * random port, name no suite port, and publish under a prefix of their own.
 */
class TestIsolationTest {

    private static final Pattern SUITE_PORT = Pattern.compile("(localhost|127\\.0\\.0\\.1|\\$\\{[^}]*):808[0-4]\\b|test-port\\s*=\\s*808[0-4]");
    /** The shared defaults of the two plumbing modules, which every service is built on. */
    private static final List<String> SHARED_DEFAULTS = List.of(
            "common-events/src/main/resources/META-INF/microprofile-config.properties",
            "common-http/src/main/resources/META-INF/microprofile-config.properties");

    @TestFactory
    Stream<DynamicTest> everyQuarkusTestModuleListensOnARandomPort() {
        return quarkusTestModules().map(module -> DynamicTest.dynamicTest(module.getFileName().toString(), () ->
                assertThat(testConfig(module, "quarkus.http.test-port"))
                        .as("%s: quarkus.http.test-port under the test profile", module.getFileName())
                        .contains("0")));
    }

    @TestFactory
    Stream<DynamicTest> everyQuarkusTestModulePublishesUnderItsOwnPrefix() {
        return quarkusTestModules().filter(TestIsolationTest::usesEvents)
                .map(module -> DynamicTest.dynamicTest(module.getFileName().toString(), () ->
                        assertThat(testConfig(module, "flywheel.events.prefix"))
                                .as("%s: flywheel.events.prefix under the test profile", module.getFileName())
                                .isPresent().get().isNotEqualTo("flywheel")));
    }

    @TestFactory
    Stream<DynamicTest> noTestNamesASuitePort() {
        return modules().map(module -> DynamicTest.dynamicTest(module.getFileName().toString(), () ->
                        assertThat(filesNamingASuitePort(module.resolve("src/test"))).as("test files naming 8080-8084")
                                .isEmpty()));
    }

    /** Every module with tests, but this one: it names the suite's ports because it checks the manifests. */
    private static Stream<Path> modules() {
        try (Stream<Path> children = Files.list(Repo.root())) {
            return children.filter(dir -> Files.isRegularFile(dir.resolve("pom.xml")))
                    .filter(dir -> !dir.getFileName().toString().equals("deploy-check"))
                    .filter(dir -> Files.isDirectory(dir.resolve("src/test"))).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> quarkusTestModules() {
        List<Path> found = modules().filter(module -> !sourcesContaining(module.resolve("src/test"), "@QuarkusTest").isEmpty())
                .toList();
        assertThat(found).as("modules with @QuarkusTest").hasSizeGreaterThanOrEqualTo(7);
        return found.stream();
    }

    private static boolean usesEvents(Path module) {
        return !sourcesContaining(module.resolve("src/main"), "dev.flywheel.common.events").isEmpty()
                || module.getFileName().toString().equals("common-events");
    }

    /** A key as the test profile sees it: test resources over main resources over the shared defaults. */
    private static Optional<String> testConfig(Path module, String key) {
        List<Path> layers = new ArrayList<>(List.of(module.resolve("src/test/resources/application.properties"),
                module.resolve("src/main/resources/application.properties")));
        SHARED_DEFAULTS.forEach(shared -> layers.add(Repo.file(shared)));
        for (Path file : layers) {
            if (Files.isRegularFile(file)) {
                Properties properties = load(file);
                String value = properties.getProperty("%test." + key, properties.getProperty(key));
                if (value != null) {
                    return Optional.of(value.trim());
                }
            }
        }
        return Optional.empty();
    }

    private static List<Path> sourcesContaining(Path dir, String text) {
        return files(dir).filter(file -> read(file).contains(text)).toList();
    }

    private static List<String> filesNamingASuitePort(Path dir) {
        List<String> offenders = new ArrayList<>();
        files(dir).forEach(file -> {
            var matcher = SUITE_PORT.matcher(read(file));
            if (matcher.find()) {
                offenders.add(Repo.root().relativize(file) + ": " + matcher.group());
            }
        });
        return offenders;
    }

    private static Stream<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(file -> file.toString().endsWith(".java") || file.toString().endsWith(".properties"))
                    .toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
