package dev.flywheel.deploy.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceCatalogTest {

    @TempDir
    Path repo;

    @Test
    void readsPortSchemaAndQuarkusDefaultHealthPaths() throws IOException {
        module("alpha-service", true, "quarkus.http.port=9001\nquarkus.flyway.schemas=alpha, extra\n");

        ServiceFacts facts = ServiceCatalog.describe("alpha-service", repo);

        assertThat(facts.port()).isEqualTo(9001);
        assertThat(facts.reactivePoolSize()).as("Quarkus's default pool").isEqualTo(20);
        assertThat(facts.schema()).contains("alpha");
        assertThat(facts.livenessPath()).isEqualTo("/q/health/live");
        assertThat(facts.readinessPath()).isEqualTo("/q/health/ready");
        assertThat(facts.startupPath()).isEqualTo("/q/health/started");
    }

    @Test
    void prodProfileWinsBecauseThatIsWhatAContainerRuns() throws IOException {
        module("alpha-service", false, "quarkus.http.port=9001\n%prod.quarkus.http.port=9100\n%dev.quarkus.http.port=9200\n");

        assertThat(ServiceCatalog.describe("alpha-service", repo).port()).isEqualTo(9100);
    }

    @Test
    void healthPathsFollowQuarkusPathResolution() throws IOException {
        module("alpha-service", false, """
                quarkus.http.root-path=/app
                quarkus.http.non-application-root-path=internal
                quarkus.smallrye-health.readiness-path=ok
                quarkus.smallrye-health.liveness-path=/alive
                """);

        ServiceFacts facts = ServiceCatalog.describe("alpha-service", repo);

        assertThat(facts.readinessPath()).isEqualTo("/app/internal/health/ok");
        assertThat(facts.livenessPath()).isEqualTo("/alive");
        assertThat(facts.port()).as("Quarkus's default port").isEqualTo(8080);
        assertThat(facts.schema()).isEqualTo(Optional.empty());
    }

    @Test
    void sharedDefaultsApplyOnlyToServicesBuiltOnTheModuleThatHoldsThem() throws IOException {
        shared("common-http", "quarkus.smallrye-health.root-path=/status\n");
        shared("common-events", "quarkus.datasource.jdbc.max-size=2\n");
        module("with-common", true, "");
        module("without-common", false, "");
        module("http-only", false, "");
        Files.writeString(repo.resolve("http-only/pom.xml"),
                "<project><dependency><artifactId>flywheel-common-http</artifactId></dependency></project>");

        assertThat(ServiceCatalog.describe("with-common", repo).livenessPath()).isEqualTo("/status/live");
        assertThat(ServiceCatalog.describe("with-common", repo).jdbcPoolSize()).isEqualTo(2);
        assertThat(ServiceCatalog.describe("without-common", repo).livenessPath()).isEqualTo("/q/health/live");
        assertThat(ServiceCatalog.describe("http-only", repo).livenessPath()).isEqualTo("/status/live");
        assertThat(ServiceCatalog.describe("http-only", repo).jdbcPoolSize()).as("Quarkus's default").isEqualTo(20);
    }

    private void shared(String common, String properties) throws IOException {
        Path shared = repo.resolve(common).resolve("src/main/resources/META-INF/microprofile-config.properties");
        Files.createDirectories(shared.getParent());
        Files.writeString(shared, properties);
    }

    @Test
    void findsThePeerUrlVariablesItsCodeAndConfigurationRead() throws IOException {
        module("alpha-service", false, "quarkus.rest-client.beta.url=${FLYWHEEL_BETA_URL:http://127.0.0.1:1}\n");
        Path code = repo.resolve("alpha-service/src/main/java/Peers.java");
        Files.createDirectories(code.getParent());
        Files.writeString(code, "@WithDefault(\"${FLYWHEEL_GAMMA_URL:http://127.0.0.1:2}/q/health\") String gamma();");

        assertThat(ServiceCatalog.describe("alpha-service", repo).urlVariablesRead())
                .containsExactly("FLYWHEEL_BETA_URL", "FLYWHEEL_GAMMA_URL");
    }

    @Test
    void theRealServicesHaveDistinctPortsAndOneSchemaEachExceptTheGateway() {
        var services = ServiceCatalog.all();

        assertThat(services).extracting(ServiceFacts::port).doesNotHaveDuplicates();
        assertThat(services).filteredOn(s -> !s.name().equals("gateway"))
                .allSatisfy(s -> assertThat(s.schema()).as(s.name()).isPresent())
                .extracting(s -> s.schema().orElseThrow()).doesNotHaveDuplicates();
        assertThat(ServiceCatalog.describe("gateway").schema()).isEmpty();
    }

    @Test
    void urlVariableFollowsTheSpecNaming() {
        ServiceFacts run = new ServiceFacts("run-service", 1, "/l", "/r", "/s", Optional.of("runs"), Set.of(), 20, 20);
        ServiceFacts gateway = new ServiceFacts("gateway", 1, "/l", "/r", "/s", Optional.empty(), Set.of(), 20, 20);

        assertThat(run.urlVariable()).isEqualTo("FLYWHEEL_RUN_URL");
        assertThat(gateway.urlVariable()).isEqualTo("FLYWHEEL_GATEWAY_URL");
    }

    private void module(String name, boolean usesCommon, String properties) throws IOException {
        Path resources = repo.resolve(name).resolve("src/main/resources");
        Files.createDirectories(resources);
        Files.writeString(resources.resolve("application.properties"), properties);
        String dependency = usesCommon ? "<dependency><artifactId>flywheel-common-http</artifactId></dependency>"
                + "<dependency><artifactId>flywheel-common-events</artifactId></dependency>" : "";
        Files.writeString(repo.resolve(name).resolve("pom.xml"), "<project>" + dependency + "</project>");
    }
}
