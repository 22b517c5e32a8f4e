package dev.flywheel.deploy.postgres;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The Postgres the test suite uses, found the way the services find theirs (SPEC §9): host and port from
 * QUARKUS_DATASOURCE_REACTIVE_URL, the administrator from QUARKUS_DATASOURCE_USERNAME / _PASSWORD.
 */
record PostgresServer(String host, int port, String adminUser, String adminPassword) {

    static PostgresServer fromEnvironment() {
        URI url = URI.create(env("QUARKUS_DATASOURCE_REACTIVE_URL").orElse("postgresql://127.0.0.1:5432/flywheel_test"));
        return new PostgresServer(url.getHost(), url.getPort() == -1 ? 5432 : url.getPort(),
                env("QUARKUS_DATASOURCE_USERNAME").orElse("postgres"), env("QUARKUS_DATASOURCE_PASSWORD").orElse(""));
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    Connection admin(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), adminUser, adminPassword);
    }

    Connection login(String database, String user, String password) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user, password);
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }
}
