package dev.flywheel.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.deploy.Repo;
import dev.flywheel.deploy.postgres.SchemaOwnerScript;
import dev.flywheel.deploy.services.ServiceCatalog;
import dev.flywheel.deploy.services.ServiceFacts;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The dev overlay's own Postgres and Redis, and the throw-away Secrets that tie the services to them. */
class DevOverlayInfrastructureTest {

    private static final String API_KEY_ENTRY = "[0-9a-f]{64}:(read|write)(\\+(read|write))*";

    @Test
    void postgresRunsTheSameInitScriptAsDockerCompose() {
        RenderedOverlay dev = RenderedOverlay.of("dev");
        String initMap = dev.workload("postgres").pod().getVolumes().stream()
                .filter(v -> v.getConfigMap() != null).findFirst().orElseThrow().getConfigMap().getName();

        assertThat(dev.one(ConfigMap.class, initMap).getData()).containsExactly(
                java.util.Map.entry("10-flywheel-schemas.sh", SchemaOwnerScript.text()));
    }

    @Test
    void postgresCreatesEachServicesRoleFromTheSecretThatServiceLogsInWith() {
        RenderedOverlay dev = RenderedOverlay.of("dev");
        var postgres = new ContainerEnvironment(dev, dev.workload("postgres").container("postgres"));
        var roles = SchemaOwnerScript.roles();

        for (ServiceFacts service : ServiceCatalog.all()) {
            if (service.schema().isEmpty()) {
                continue;
            }
            var role = roles.get(service.schema().get());
            assertThat(role).as("the init script creates an owner for schema " + service.schema().get()).isNotNull();
            var own = new ContainerEnvironment(dev, dev.workload(service.name()).container(service.name()));
            assertSameSecretKey(postgres.secret(role.userVariable()).orElseThrow(), own.secret("QUARKUS_DATASOURCE_USERNAME").orElseThrow());
            assertSameSecretKey(postgres.secret(role.passwordVariable()).orElseThrow(), own.secret("QUARKUS_DATASOURCE_PASSWORD").orElseThrow());
        }
        assertThat(postgres.literal("POSTGRES_DB")).isPresent();
    }

    @Test
    void theInfrastructureSecretPointsAtTheInClusterPostgresAndRedis() {
        RenderedOverlay dev = RenderedOverlay.of("dev");
        var postgresEnvironment = new ContainerEnvironment(dev, dev.workload("postgres").container("postgres"));
        Secret infra = dev.all(Secret.class).stream()
                .filter(s -> s.getMetadata().getName().startsWith("flywheel-infra")).findFirst().orElseThrow();

        URI database = URI.create(decode(infra, "postgres-reactive-url"));
        assertThat(database.getScheme()).isEqualTo("postgresql");
        assertThat(database.getPath()).isEqualTo("/" + postgresEnvironment.literal("POSTGRES_DB").orElseThrow());
        assertServicePort(dev, database.getHost(), database.getPort());

        URI redis = URI.create(decode(infra, "redis-hosts"));
        assertThat(redis.getScheme()).isEqualTo("redis");
        assertServicePort(dev, redis.getHost(), redis.getPort());
    }

    @Test
    void theDevApiKeyIsAHashWithScopesNeverAPlainKey() {
        RenderedOverlay dev = RenderedOverlay.of("dev");
        Secret keys = dev.all(Secret.class).stream()
                .filter(s -> s.getMetadata().getName().startsWith("gateway-api-keys")).findFirst().orElseThrow();

        for (String entry : decode(keys, "api-keys").split(",")) {
            assertThat(entry.strip()).matches(API_KEY_ENTRY);
        }
    }

    @Test
    void theDevKeyTheReadmeSignsInWithIsConfiguredWithBothScopes() {
        RenderedOverlay dev = RenderedOverlay.of("dev");
        Secret keys = dev.all(Secret.class).stream()
                .filter(s -> s.getMetadata().getName().startsWith("gateway-api-keys")).findFirst().orElseThrow();

        assertThat(Repo.read("k8s/README.md")).contains("`" + DevApiKey.KEY + "`");
        assertThat(decode(keys, "api-keys").split(",")).contains(DevApiKey.hash() + ":read+write");
    }

    private static void assertServicePort(RenderedOverlay dev, String host, int port) {
        Service service = dev.one(Service.class, host);
        assertThat(service.getSpec().getPorts()).as(host + " ports").anySatisfy(p -> assertThat(p.getPort()).isEqualTo(port));
    }

    private static void assertSameSecretKey(SecretKeySelector actual, SecretKeySelector expected) {
        assertThat(actual.getName()).isEqualTo(expected.getName());
        assertThat(actual.getKey()).isEqualTo(expected.getKey());
    }

    /** MIME decoding, because kubectl folds long base64 values over several lines. */
    private static String decode(Secret secret, String key) {
        return new String(Base64.getMimeDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }
}
