package dev.flywheel.run.engine;

import static dev.flywheel.run.support.TestData.marker;
import static dev.flywheel.run.support.TestData.run;
import static dev.flywheel.run.support.TestData.with;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flywheel.run.RunServiceConfig;
import dev.flywheel.run.support.Runs;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A worker that stops while a run's outcome is being stored, after it asked for a successor, hands the successor
 * claimed with that outcome back at once instead of leaving it to its lease. Its own profile: the test stops the
 * worker for good.
 */
@QuarkusTest
@TestProfile(UnstartedSuccessorTest.OneSlotLongLease.class)
class UnstartedSuccessorTest {

    public static class OneSlotLongLease implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A lease far longer than the test: only a hand-back makes the successor claimable again in time.
            return Map.of("run.worker.concurrency", "1", "run.worker.lease", "5m");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    RunWorker worker;
    @Inject
    Pool pool;
    @Inject
    RunServiceConfig config;

    /**
     * The stop falls for certain between the outcome's request for a successor and its commit: the test holds the
     * finishing run's row locked until the worker has stopped. Seen failing with {@code RunWorker.finished} starting
     * every successor: the successor then runs on the stopping worker (completed, attempt 1).
     */
    @Test
    void aSuccessorClaimedAsTheWorkerStopsIsHandedBackPendingWithItsAttempt() {
        // Runs other test classes left claimable would be claimed as the successor in place of this test's own; runs
        // out of attempts are not claimable and may stay pending for good.
        await().atMost(WAIT).until(() -> count("(status = 'pending' or (status = 'running' and lease_until < now()))"
                + " and attempt < " + config.worker().maxAttempts()) == 0);
        String experimentId = Runs.newExperiment();
        String finishing = Runs.submit(experimentId, with(run("finishing " + marker(), "mock:m"), "params",
                Map.of("delay_ms", 1500)));
        await().atMost(WAIT).until(() -> status(finishing).getString("status").equals("running"));

        SqlConnection latch = pool.getConnection().await().atMost(WAIT);
        try {
            Transaction open = latch.begin().await().atMost(WAIT);
            latch.preparedQuery("select id from runs where id = $1 for update").execute(Tuple.of(UUID.fromString(finishing)))
                    .await().atMost(WAIT);
            // Waits for the one slot: the finishing run's outcome claims it.
            String successor = Runs.submit(experimentId, run("successor " + marker(), "echo:any"));
            await().atMost(WAIT).until(this::outcomeWaitsOnTheLatch);
            worker.shutdown(new ShutdownEvent());
            open.commit().await().atMost(WAIT);

            assertThat(Runs.awaitFinished(finishing).getString("status")).isEqualTo("completed");
            await().atMost(Duration.ofSeconds(10)).until(() -> status(successor).getString("status").equals("pending"));
            JsonPath handedBack = status(successor);
            assertThat(handedBack.getInt("attempt")).isZero();
            assertThat(handedBack.getString("started_at")).isNull();
        } finally {
            latch.close().await().atMost(WAIT);
        }
    }

    private static JsonPath status(String runId) {
        return given().get("/api/runs/{id}", runId).then().statusCode(200).extract().jsonPath();
    }

    private boolean outcomeWaitsOnTheLatch() {
        return pool.preparedQuery("select count(*) from pg_stat_activity where datname = current_database()"
                + " and wait_event_type = 'Lock' and query like '%with done as%' and pid <> pg_backend_pid()").execute()
                .await().atMost(WAIT).iterator().next().getLong(0) > 0;
    }

    private long count(String where) {
        return pool.preparedQuery("select count(*) from runs where " + where).execute().await().atMost(WAIT)
                .iterator().next().getLong(0);
    }
}
