package dev.flywheel.verify.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Migration V4 on a database that already holds verifications accepted twice for one snapshot (before V4 acceptance
 * allowed that): each schema here is migrated to V3, given such rows, then migrated to V4.
 */
@QuarkusTest
class OneVerificationPerSnapshotMigrationTest {

    private static final String SCHEMA = "verify_v4_check";
    /** Stands for a verification naming no snapshot, since a map holds no null. */
    private static final UUID NONE = new UUID(0, 0);

    @Inject
    DataSource dataSource;

    @AfterEach
    void dropSchema() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + SCHEMA + " cascade");
        }
    }

    @Test
    void duplicatesStillPendingLetTheCompletedOneOrElseTheEarliestKeepTheSnapshot() throws SQLException {
        migrateTo("3");
        UUID verified = snapshot(true);
        UUID open = snapshot(false);
        UUID single = snapshot(false);
        // Submitted first with a long warmup, then overtaken by one that completed into the snapshot.
        UUID overtaken = verification(verified, "pending", 1);
        UUID done = verification(verified, "done", 2);
        UUID earliest = verification(open, "pending", 3);
        UUID later = verification(open, "pending", 4);
        UUID alone = verification(single, "pending", 5);
        UUID withoutSnapshot = verification(null, "pending", 6);

        migrateTo("4");

        assertThat(snapshotsById()).containsOnly(Map.entry(done, verified), Map.entry(overtaken, NONE),
                Map.entry(earliest, open), Map.entry(later, NONE), Map.entry(alone, single),
                Map.entry(withoutSnapshot, NONE));
        assertThatThrownBy(() -> verification(single, "pending", 7)).isInstanceOfSatisfying(SQLException.class,
                refused -> assertThat(refused.getSQLState()).isEqualTo("23505"));
    }

    @Test
    void twoCompletedVerificationsOfOneSnapshotAreLeftAsTheyAreAndTheMigrationFails() throws SQLException {
        migrateTo("3");
        UUID snapshot = snapshot(true);
        UUID first = verification(snapshot, "done", 1);
        UUID second = verification(snapshot, "done", 2);

        assertThatThrownBy(() -> migrateTo("4")).isInstanceOf(FlywayException.class)
                .hasMessageContaining("verifications_one_per_snapshot");

        assertThat(snapshotsById()).containsOnly(Map.entry(first, snapshot), Map.entry(second, snapshot));
    }

    private void migrateTo(String version) {
        Flyway.configure().dataSource(dataSource).schemas(SCHEMA).locations("classpath:db/migration").target(version)
                .load().migrate();
    }

    private UUID snapshot(boolean verified) throws SQLException {
        UUID id = UUID.randomUUID();
        update("insert into " + SCHEMA + ".evidence_snapshots (id, incident_id, verification_result) values (?, 'INC-1', ?)",
                id, verified ? "success" : null);
        return id;
    }

    /** A verification created {@code second} seconds after the epoch, so their order is known. */
    private UUID verification(UUID snapshot, String status, int second) throws SQLException {
        UUID id = UUID.randomUUID();
        update("insert into " + SCHEMA + ".verifications (id, incident_id, incident, action_taken, warmup_sec, status,"
                + " result, snapshot_id, created_at, lease_until)"
                + " values (?, 'INC-1', '{}', 'restart', 0, ?, ?, ?, to_timestamp(?), now())",
                id, status, "done".equals(status) ? "success" : null, snapshot, second);
        return id;
    }

    private Map<UUID, UUID> snapshotsById() throws SQLException {
        Map<UUID, UUID> snapshots = new HashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select id, snapshot_id from " + SCHEMA + ".verifications")) {
            while (rows.next()) {
                UUID snapshot = rows.getObject("snapshot_id", UUID.class);
                snapshots.put(rows.getObject("id", UUID.class), snapshot == null ? NONE : snapshot);
            }
        }
        return snapshots;
    }

    private void update(String sql, Object... arguments) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < arguments.length; i++) {
                statement.setObject(i + 1, arguments[i]);
            }
            statement.executeUpdate();
        }
    }
}
