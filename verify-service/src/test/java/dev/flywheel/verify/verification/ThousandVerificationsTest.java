package dev.flywheel.verify.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flywheel.verify.TestData;
import dev.flywheel.verify.incident.TestIncidents;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Multi;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The warmup holds no thread (SPEC §6: thousands may wait at once). 1,000 verifications with a 2 s
 * warmup, submitted together, finish far below the 2,000 s that waiting one after the other would
 * take. Time alone would not tell a timer from a thread per warmup (Quarkus' default worker pool of 200 threads
 * finishes 1,000 × 2 s in 10 s), so the worker pool is cut to 8 threads, on which blocking warmups would take
 * 250 s, and the JVM's peak thread count may not grow by more than a small fraction of the batch. Time bounds are
 * deliberately generous (the exact figure belongs to the benchmark):
 * the warmups must overlap, so once the last one is accepted all are done within 30 s; and the whole run,
 * submission on a busy shared machine included, stays under a tenth of the sequential time.
 */
@QuarkusTest
@TestProfile(ThousandVerificationsTest.SmallWorkerPool.class)
class ThousandVerificationsTest {

    /** Far fewer worker threads than warmups: a warmup that held one would queue behind the others. */
    public static class SmallWorkerPool implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.thread-pool.max-threads", "8");
        }
    }

    private static final Logger LOG = Logger.getLogger(ThousandVerificationsTest.class);
    private static final int COUNT = 1_000;
    private static final int WARMUP_SEC = 2;
    /** Threads the run may add: the HTTP client's and a few pool threads, far fewer than one per warmup. */
    private static final int EXTRA_THREADS = COUNT / 10;

    @Inject
    Vertx vertx;
    @Inject
    Pool pool;

    @TestHTTPResource("/api/verifications")
    URL endpoint;

    @Test
    void aThousandWarmupsWaitSideBySide() {
        String incidentId = TestIncidents.freshId();
        long submitted;
        JsonObject body = new JsonObject(Map.copyOf(TestData.verification(
                TestIncidents.incident(incidentId, Map.of("alertname", "LoadTest")), "restart", WARMUP_SEC)));
        WebClient client = WebClient.create(vertx, new WebClientOptions().setMaxPoolSize(100));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int threadsBefore = threads.getThreadCount();
        threads.resetPeakThreadCount();
        long started = System.nanoTime();
        try {
            Integer accepted = Multi.createFrom().range(0, COUNT)
                    .onItem().transformToUni(i -> client.postAbs(endpoint.toString()).sendJsonObject(body))
                    .merge(100)
                    .filter(response -> response.statusCode() == 202)
                    .collect().with(Collectors.summingInt(response -> 1))
                    .await().atMost(Duration.ofSeconds(150));
            assertThat(accepted).isEqualTo(COUNT);
            submitted = System.nanoTime();

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> done(incidentId) == COUNT);
        } finally {
            client.close();
        }
        long finished = System.nanoTime();
        Duration total = Duration.ofNanos(finished - started);
        Duration afterSubmission = Duration.ofNanos(finished - submitted);
        LOG.infof("%d verifications with a %d s warmup: submitted in %d ms, all done %d ms later (%d ms in all)", COUNT,
                WARMUP_SEC, Duration.ofNanos(submitted - started).toMillis(), afterSubmission.toMillis(), total.toMillis());

        assertThat(threads.getPeakThreadCount() - threadsBefore).as("threads added while the warmups waited")
                .isLessThan(EXTRA_THREADS);
        assertThat(afterSubmission).isLessThan(Duration.ofSeconds(30));
        assertThat(total).isGreaterThanOrEqualTo(Duration.ofSeconds(WARMUP_SEC))
                .isLessThan(Duration.ofSeconds(COUNT * WARMUP_SEC / 10));
        assertThat(snapshots(incidentId)).isEqualTo(COUNT);
    }

    private long done(String incidentId) {
        return count("select count(*) from verifications where incident_id = $1 and status = 'done' and result = 'degraded'",
                incidentId);
    }

    private long snapshots(String incidentId) {
        return count("select count(*) from evidence_snapshots where incident_id = $1 and verification_result = 'degraded'",
                incidentId);
    }

    private long count(String sql, String incidentId) {
        return pool.preparedQuery(sql).execute(Tuple.of(incidentId)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }
}
