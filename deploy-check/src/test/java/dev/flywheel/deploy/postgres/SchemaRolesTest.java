package dev.flywheel.deploy.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.flywheel.deploy.Repo;
import dev.flywheel.deploy.services.ServiceCatalog;
import dev.flywheel.deploy.services.ServiceFacts;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Postgres init script of docker-compose and the dev overlay, run for real: in a scratch database, with
 * throw-away role names, then each service's own Flyway migrations run as that service's role, as they do at start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaRolesTest {

    private static final String PERMISSION_DENIED = "42501";

    private final PostgresServer server = PostgresServer.fromEnvironment();
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String database = "flywheel_deploy_" + suffix;
    private final String strayRole = "stray_" + suffix;
    /** Schema to its role's login name and password. */
    private final Map<String, String[]> logins = new LinkedHashMap<>();
    private final Map<String, String> migrationFailures = new LinkedHashMap<>();

    @BeforeAll
    void createScratchDatabaseAndRunTheScript() throws Exception {
        assumeTrue(onPath("psql"), "psql is not installed: the Postgres init script is not run");
        SchemaOwnerScript.roles().keySet().forEach(schema ->
                logins.put(schema, new String[] {schema + "_svc_" + suffix, "pw-" + UUID.randomUUID()}));
        execute("postgres", "CREATE DATABASE " + database);
        assertThat(runScript()).as("the init script's exit code").isZero();
        for (ServiceFacts service : ServiceCatalog.all()) {
            service.schema().ifPresent(schema -> migrate(service.name(), schema));
        }
    }

    @AfterAll
    void dropScratchDatabaseAndRoles() throws SQLException {
        if (logins.isEmpty()) {
            return;
        }
        execute("postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        execute("postgres", "DROP ROLE IF EXISTS " + strayRole);
        for (String[] login : logins.values()) {
            execute("postgres", "DROP ROLE IF EXISTS " + login[0]);
        }
    }

    @Test
    void theScriptOwnsASchemaForEveryServiceThatHasOne() {
        assertThat(logins.keySet()).containsExactlyInAnyOrderElementsOf(ServiceCatalog.all().stream()
                .flatMap(service -> service.schema().stream()).toList());
    }

    @Test
    void eachServiceMigratesItsOwnSchemaAsItsOwnRole() throws SQLException {
        assertThat(migrationFailures).as("Flyway failures, by service").isEmpty();
        for (var login : logins.entrySet()) {
            try (Connection connection = server.login(database, login.getValue()[0], login.getValue()[1]);
                    Statement statement = connection.createStatement();
                    ResultSet outbox = statement.executeQuery("SELECT to_regclass('" + login.getKey() + ".outbox') IS NOT NULL")) {
                outbox.next();
                assertThat(outbox.getBoolean(1)).as("the outbox table in " + login.getKey()).isTrue();
            }
        }
    }

    @Test
    void noRoleReadsOrCreatesInAnotherServicesSchemaOrInPublic() throws SQLException {
        for (var intruder : logins.entrySet()) {
            for (String victim : logins.keySet()) {
                if (victim.equals(intruder.getKey())) {
                    continue;
                }
                assertDenied(intruder.getKey(), "SELECT * FROM " + victim + ".outbox");
                assertDenied(intruder.getKey(), "CREATE TABLE " + victim + ".intrusion (id int)");
            }
            assertDenied(intruder.getKey(), "CREATE TABLE public.intrusion (id int)");
        }
    }

    @Test
    void aLoginWithoutAGrantCannotEvenConnect() throws SQLException {
        execute("postgres", "CREATE ROLE " + strayRole + " LOGIN PASSWORD 'stray'");

        assertThatThrownBy(() -> server.login(database, strayRole, "stray").close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(PERMISSION_DENIED));
    }

    @Test
    void eachRoleFindsItsOwnSchemaFirstAndHoldsNoPrivilegeBeyondIt() throws SQLException {
        for (var login : logins.entrySet()) {
            try (Connection connection = server.login(database, login.getValue()[0], login.getValue()[1]);
                    Statement statement = connection.createStatement()) {
                try (ResultSet path = statement.executeQuery("SHOW search_path")) {
                    path.next();
                    assertThat(path.getString(1)).isEqualTo(login.getKey());
                }
                try (ResultSet role = statement.executeQuery(
                        "SELECT rolsuper, rolcreatedb, rolcreaterole, rolbypassrls FROM pg_roles WHERE rolname = current_user")) {
                    role.next();
                    for (int column = 1; column <= 4; column++) {
                        assertThat(role.getBoolean(column)).as(login.getKey() + " " + role.getMetaData().getColumnName(column)).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void runningTheScriptAgainChangesNothingAndFailsNothing() throws Exception {
        assertThat(runScript()).isZero();

        try (Connection connection = server.admin(database);
                Statement statement = connection.createStatement();
                ResultSet owners = statement.executeQuery(
                        "SELECT nspname, pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = ANY (ARRAY['"
                                + String.join("','", logins.keySet()) + "'])")) {
            Map<String, String> ownerOf = new HashMap<>();
            while (owners.next()) {
                ownerOf.put(owners.getString(1), owners.getString(2));
            }
            logins.forEach((schema, login) -> assertThat(ownerOf).containsEntry(schema, login[0]));
        }
    }

    /** As the service does at start: Flyway on its one schema, with its migrations and the shared outbox one. */
    private void migrate(String service, String schema) {
        String[] login = logins.get(schema);
        try {
            Flyway.configure()
                    .dataSource(server.jdbcUrl(database), login[0], login[1])
                    .schemas(schema)
                    .locations(location(service + "/src/main/resources/db/migration"),
                            location("common-events/src/main/resources/db/common"))
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            migrationFailures.put(service, e.getMessage());
        }
    }

    /** Runs the script as the postgres image would, against this test's server and scratch database. */
    private int runScript() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", Repo.file(SchemaOwnerScript.PATH).toString())
                .redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.put("PGHOST", server.host());
        environment.put("PGPORT", String.valueOf(server.port()));
        environment.put("PGPASSWORD", server.adminPassword());
        environment.put("POSTGRES_USER", server.adminUser());
        environment.put("POSTGRES_DB", database);
        SchemaOwnerScript.roles().forEach((schema, variables) -> {
            environment.put(variables.userVariable(), logins.get(schema)[0]);
            environment.put(variables.passwordVariable(), logins.get(schema)[1]);
        });
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("init script finished").isTrue();
        if (process.exitValue() != 0) {
            System.err.println(output);
        }
        return process.exitValue();
    }

    private void asRole(String schema, String sql) throws SQLException {
        String[] login = logins.get(schema);
        try (Connection connection = server.login(database, login[0], login[1]);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private void assertDenied(String schema, String sql) {
        assertThatThrownBy(() -> asRole(schema, sql))
                .as(schema + "'s role: " + sql)
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(PERMISSION_DENIED));
    }

    private void execute(String onDatabase, String sql) throws SQLException {
        try (Connection connection = server.admin(onDatabase); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String location(String relative) {
        return "filesystem:" + Repo.file(relative);
    }

    private static boolean onPath(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
