package dev.flywheel.deploy.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.deploy.Repo;
import dev.flywheel.deploy.ToolUseProbeTarget;
import dev.flywheel.deploy.k8s.DevApiKey;
import dev.flywheel.deploy.postgres.SchemaOwnerScript;
import dev.flywheel.deploy.services.ServiceCatalog;
import dev.flywheel.deploy.services.ServiceFacts;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** deploy/docker-compose.yml starts the suite in an order that works and wires each service as its config expects. */
class ComposeFileTest {

    private static final Set<String> INFRASTRUCTURE = Set.of("postgres", "redis");

    private final ComposeFile compose = ComposeFile.load();

    @Test
    void composesExactlyTheFiveServicesAndTheirInfrastructure() {
        Set<String> expected = new HashSet<>(ServiceCatalog.MODULES);
        expected.addAll(INFRASTRUCTURE);

        assertThat(compose.services().keySet()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everyContainerHasAHealthcheckThatGivesUpEventually() {
        for (String name : compose.services().keySet()) {
            Map<String, Object> healthcheck = compose.healthcheck(name);
            assertThat(healthcheck).as(name + " healthcheck").isNotNull();
            assertThat(healthcheck).as(name + " healthcheck").containsKeys("test", "interval", "timeout", "retries");
            assertThat(healthcheck.get("disable")).as(name + " healthcheck disabled").isNotEqualTo(Boolean.TRUE);
        }
    }

    @Test
    void serviceHealthchecksAskTheReadinessEndpointOnTheConfiguredPort() {
        for (ServiceFacts service : ServiceCatalog.all()) {
            @SuppressWarnings("unchecked")
            List<String> test = (List<String>) compose.healthcheck(service.name()).get("test");
            assertThat(test.get(0)).isEqualTo("CMD");
            assertThat(test).as(service.name() + " healthcheck fails on a non-2xx answer").contains("--fail");
            assertThat(test.get(test.size() - 1)).as(service.name() + " healthcheck URL")
                    .isEqualTo("http://localhost:" + service.port() + service.readinessPath());
        }
    }

    @Test
    void everyDependencyWaitsUntilTheOtherContainerIsHealthy() {
        for (String name : compose.services().keySet()) {
            compose.dependsOn(name).forEach((dependency, condition) -> {
                assertThat(compose.services()).as(name + " depends on " + dependency).containsKey(dependency);
                assertThat(condition).as(name + " -> " + dependency).isEqualTo("service_healthy");
            });
        }
        for (ServiceFacts service : ServiceCatalog.all()) {
            Set<String> needed = service.schema().isPresent() ? INFRASTRUCTURE : Set.of("redis");
            assertThat(compose.dependsOn(service.name()).keySet()).as(service.name() + " waits for").containsAll(needed);
        }
        assertThat(compose.dependsOn("gateway").keySet()).as("the gateway waits for what it routes to")
                .containsAll(ServiceCatalog.MODULES.stream().filter(m -> !m.equals("gateway")).toList());
        assertNoCycle();
    }

    @Test
    void eachServiceWithASchemaLogsInAsTheRoleTheInitScriptCreatesForIt() {
        Map<String, String> postgres = compose.environment("postgres");
        var roles = SchemaOwnerScript.roles();
        Set<String> users = new HashSet<>();
        for (ServiceFacts service : ServiceCatalog.all()) {
            Map<String, String> environment = compose.environment(service.name());
            if (service.schema().isEmpty()) {
                assertThat(environment).as(service.name() + " has no database").doesNotContainKey("QUARKUS_DATASOURCE_REACTIVE_URL");
                continue;
            }
            var role = roles.get(service.schema().get());
            assertThat(role).as("the init script creates an owner for schema " + service.schema().get()).isNotNull();
            assertThat(environment.get("QUARKUS_DATASOURCE_REACTIVE_URL"))
                    .isEqualTo("postgresql://postgres:5432/" + postgres.get("POSTGRES_DB"));
            assertThat(environment.get("QUARKUS_DATASOURCE_USERNAME")).as(service.name() + " user")
                    .isEqualTo(postgres.get(role.userVariable()));
            assertThat(environment.get("QUARKUS_DATASOURCE_PASSWORD")).as(service.name() + " password")
                    .isEqualTo(postgres.get(role.passwordVariable()));
            assertThat(users.add(environment.get("QUARKUS_DATASOURCE_USERNAME"))).as(service.name() + " shares a role").isTrue();
        }
    }

    @Test
    void everyServiceReachesRedisAndItsPeersByComposeNameAndConfiguredPort() {
        Map<String, ServiceFacts> services = ServiceCatalog.byName();
        for (ServiceFacts caller : services.values()) {
            Map<String, String> environment = compose.environment(caller.name());
            assertThat(environment.get("QUARKUS_REDIS_HOSTS")).as(caller.name()).isEqualTo("redis://redis:6379");
            for (ServiceFacts peer : services.values()) {
                if (environment.containsKey(peer.urlVariable())) {
                    assertThat(environment.get(peer.urlVariable())).as(caller.name() + " " + peer.urlVariable())
                            .isEqualTo("http://" + peer.name() + ":" + peer.port());
                }
            }
        }
        services.values().stream().filter(s -> !s.name().equals("gateway")).forEach(peer ->
                assertThat(compose.environment("gateway")).as("the gateway routes to " + peer.name()).containsKey(peer.urlVariable()));
        assertThat(compose.environment("gateway")).containsKey("GATEWAY_API_KEYS");
    }

    @Test
    void verifyServiceAllowsTheHostTheToolUseProbeAsksItToCheck() {
        Map<String, String> verify = compose.environment("verify-service");
        Map<String, String> selftest = compose.environment("selftest-service");

        assertThat(verify).doesNotContainKey(ToolUseProbeTarget.ALLOWED_HOSTS);
        assertThat(ToolUseProbeTarget.peerHosts(name -> Optional.ofNullable(verify.get(name))))
                .contains(ToolUseProbeTarget.probedHost(name -> Optional.ofNullable(selftest.get(name))));
    }

    @Test
    void withoutGatewayApiKeysSetTheGatewayAcceptsTheDocumentedDevKey() {
        assertThat(compose.environment("gateway").get("GATEWAY_API_KEYS"))
                .isEqualTo("${GATEWAY_API_KEYS:-" + DevApiKey.hash() + ":read+write}");
        assertThat(Repo.read(ComposeFile.PATH)).contains("\"" + DevApiKey.KEY + "\"");
    }

    @Test
    void everyPeerUrlAServiceReadsIsSetInItsContainer() {
        for (ServiceFacts service : ServiceCatalog.all()) {
            assertThat(compose.environment(service.name()).keySet())
                    .as(service.name() + " would fall back to 127.0.0.1, itself")
                    .containsAll(service.urlVariablesRead());
        }
    }

    @Test
    void onlyTheGatewayPublishesAPortAndOnlyOnTheLoopbackInterface() {
        int port = ServiceCatalog.describe("gateway").port();
        for (String name : compose.services().keySet()) {
            List<String> ports = compose.list(name, "ports");
            if (name.equals("gateway")) {
                assertThat(ports).containsExactly("127.0.0.1:" + port + ":" + port);
            } else {
                assertThat(ports).as(name + " published ports").isEmpty();
            }
        }
    }

    @Test
    void eachServiceImageIsBuiltFromItsModulesDockerfile() {
        for (String module : ServiceCatalog.MODULES) {
            Map<String, Object> build = compose.build(module);
            assertThat(build.get("context")).as(module + " build context").isEqualTo("../" + module);
            String dockerfile = module + "/" + build.get("dockerfile");
            assertThat(Files.isRegularFile(Repo.file(dockerfile))).as(dockerfile + " exists").isTrue();
        }
    }

    @Test
    void postgresInitialisesFromTheSchemaOwnerScript() {
        assertThat(compose.list("postgres", "volumes")).contains("../k8s/overlays/dev/postgres/initdb.d:/docker-entrypoint-initdb.d:ro");
        assertThat(Files.isExecutable(Repo.file(SchemaOwnerScript.PATH))).as(SchemaOwnerScript.PATH + " is executable").isTrue();
        assertThat(compose.environment("postgres").keySet()).containsAll(SchemaOwnerScript.roles().values().stream()
                .flatMap(role -> java.util.stream.Stream.of(role.userVariable(), role.passwordVariable())).toList());
    }

    @Test
    void serviceContainersRunReadOnlyWithoutCapabilities() {
        for (String module : ServiceCatalog.MODULES) {
            assertThat(compose.service(module).get("read_only")).as(module + " read_only").isEqualTo(Boolean.TRUE);
            assertThat(compose.list(module, "cap_drop")).as(module + " cap_drop").containsExactly("ALL");
            assertThat(compose.list(module, "security_opt")).as(module).contains("no-new-privileges:true");
            assertThat(compose.list(module, "tmpfs")).as(module + ": Vert.x and the JDK write to /tmp").contains("/tmp");
        }
    }

    /** depends_on must form a DAG, or Compose refuses to start anything. */
    private void assertNoCycle() {
        Set<String> done = new HashSet<>();
        for (String start : compose.services().keySet()) {
            Deque<String> path = new ArrayDeque<>();
            visit(start, path, done);
        }
    }

    private void visit(String name, Deque<String> path, Set<String> done) {
        assertThat(path).as("depends_on cycle through " + path).doesNotContain(name);
        if (done.contains(name)) {
            return;
        }
        path.push(name);
        compose.dependsOn(name).keySet().forEach(dependency -> visit(dependency, path, done));
        path.pop();
        done.add(name);
    }
}
