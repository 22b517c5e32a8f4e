package dev.flywheel.common.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What every Flywheel service promises (SPEC §3): health, metrics, OpenAPI, its own migrated schema,
 * problem details and request ids. A service's test extends this and names its schema.
 */
public abstract class ServiceContractTest {

    @Inject
    protected Pool pool;

    /** The one Postgres schema the service owns. */
    protected abstract String schema();

    @Test
    void livenessIsUpAndNeverCached() {
        given().get("/q/health/live").then().statusCode(200)
                .header("Cache-Control", is("no-store"))
                .body("status", is("UP"));
    }

    @Test
    void readinessChecksPostgresAndRedis() {
        given().get("/q/health/ready").then().statusCode(200)
                .header("Cache-Control", is("no-store"))
                .body("status", is("UP"))
                .body("checks.name", hasItem(containsString("PostgreSQL")))
                .body("checks.name", hasItem(containsString("Redis")));
    }

    @Test
    void startupProbeAnswers() {
        given().get("/q/health/started").then().statusCode(200).body("status", is("UP"));
    }

    @Test
    void metricsAreServedInPrometheusFormat() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("# TYPE"));
    }

    @Test
    void theOpenApiDocumentIsServed() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("openapi"));
    }

    @Test
    void flywayMigratedTheOutboxIntoTheServiceSchema() {
        long tables = pool.preparedQuery("select count(*) from information_schema.tables"
                + " where table_schema = $1 and table_name = 'outbox'").execute(Tuple.of(schema()))
                .await().atMost(Duration.ofSeconds(5))
                .iterator().next().getLong(0);
        assertThat(tables).isEqualTo(1L);
    }

    @Test
    void anUnknownPathIsAProblemWithTheRequestId() {
        given().header("X-Request-Id", "contract-1").get("/api/no-such-thing")
                .then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .header("X-Request-Id", is("contract-1"))
                .body("status", is(404));
    }
}
