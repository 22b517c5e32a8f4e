package dev.flywheel.selftest.health;

import dev.flywheel.selftest.LoopQaConfig;
import dev.flywheel.selftest.capability.Capability;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Reads the capability states into a health snapshot; plain SQL so health checks need no ORM session. */
@Singleton
public class HealthQuery {

    static final String STATES = "select capability, consecutive_failures, last_run_at, last_details, last_error_type"
            + " from capability_state";

    private final Pool pool;
    private final int threshold;
    private final Clock clock = Clock.systemUTC();

    public HealthQuery(Pool pool, LoopQaConfig config) {
        this.pool = pool;
        this.threshold = config.upgradeThreshold();
    }

    public Uni<HealthSnapshot> snapshot() {
        return pool.query(STATES).execute().map(rows -> {
            List<CapabilityState> states = new ArrayList<>();
            for (Row row : rows) {
                // A row for a capability this build no longer knows is ignored rather than failing health.
                Capability.fromValue(row.getString("capability")).ifPresent(capability -> states.add(
                        new CapabilityState(capability, row.getInteger("consecutive_failures"),
                                instant(row.getOffsetDateTime("last_run_at")), row.getString("last_details"),
                                row.getString("last_error_type"))));
            }
            return HealthSnapshot.of(states, threshold, clock.instant());
        });
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
