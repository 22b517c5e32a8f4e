package dev.flywheel.verify.verification;

import static dev.flywheel.verify.TestApi.preState;
import static dev.flywheel.verify.TestApi.verifyAndWait;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.verify.TestData;
import dev.flywheel.verify.incident.Incident;
import dev.flywheel.verify.incident.TestIncidents;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Submissions arriving together are stored together ({@link AcceptanceWriter}): each is still answered with its own
 * verification, stored before the answer, and a submission whose snapshot does not fit is refused alone.
 */
@QuarkusTest
class BatchedAcceptanceTest {

    private static final int COUNT = 300;
    /** Long enough that no completion runs while the acceptance statements are counted. */
    private static final int WARMUP_SEC = 5;

    @Inject
    Vertx vertx;
    @Inject
    Pool pool;

    @TestHTTPResource("/api/verifications")
    URL endpoint;

    private WebClient client;

    @BeforeEach
    void openClient() {
        client = WebClient.create(vertx, new WebClientOptions().setMaxPoolSize(100));
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void submissionsArrivingTogetherShareStatementsAndEachIsAnsweredWithItsOwnStoredVerification() {
        String prefix = TestIncidents.freshId();
        List<String> incidentIds = IntStream.range(0, COUNT).mapToObj(i -> prefix + "-" + i).toList();
        double statementsBefore = statements();

        List<HttpResponse<Buffer>> answers = submitTogether(incidentIds.stream()
                .map(id -> TestData.verification(TestIncidents.incident(id, Map.of("alertname", "Batch")), "restart",
                        WARMUP_SEC))
                .toList());

        double statements = statements() - statementsBefore;
        Map<String, String> answered = new HashMap<>();
        for (HttpResponse<Buffer> answer : answers) {
            assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(202);
            JsonObject view = answer.bodyAsJsonObject();
            assertThat(view.getString("status")).isEqualTo("pending");
            assertThat(answer.getHeader("Location")).endsWith("/api/verifications/" + view.getString("id"));
            answered.put(view.getString("incident_id"), view.getString("id"));
        }
        // Every submission answered with its own verification, and that verification is the one stored for it.
        assertThat(answered).hasSize(COUNT).containsOnlyKeys(incidentIds);
        assertThat(answered.values()).doesNotHaveDuplicates();
        assertThat(stored(prefix + "-%")).isEqualTo(answered);
        // One INSERT per submission would be 300 statements or more; groups need a few dozen at most.
        assertThat(statements).as("SQL statements for %d submissions", COUNT).isLessThan(COUNT / 3.0);
    }

    @Test
    void aSubmissionWhoseSnapshotDoesNotFitIsRefusedAloneAndTheRestOfItsGroupIsStored() {
        Incident owner = TestIncidents.incident(TestIncidents.freshId(), Map.of("alertname", "Batch"));
        Incident other = TestIncidents.incident(TestIncidents.freshId(), Map.of("alertname", "Batch"));
        UUID open = preState(owner);
        UUID verified = preState(owner);
        verifyAndWait(TestData.verification(owner, "restart", 0, verified));
        List<Map<String, Object>> bodies = new ArrayList<>();
        IntStream.range(0, 40).forEach(i -> bodies.add(TestData.verification(owner, "restart", WARMUP_SEC)));
        bodies.add(TestData.verification(other, "restart", WARMUP_SEC, open));
        bodies.add(TestData.verification(owner, "restart", WARMUP_SEC, UUID.randomUUID()));
        bodies.add(TestData.verification(owner, "restart", WARMUP_SEC, verified));
        bodies.add(TestData.verification(owner, "restart", WARMUP_SEC, open));

        List<HttpResponse<Buffer>> answers = submitTogether(bodies);

        assertThat(answers.subList(0, 40)).allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(202));
        HttpResponse<Buffer> foreign = answers.get(40);
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(foreign.getHeader("Content-Type")).startsWith("application/problem+json");
        assertThat(foreign.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("snapshot_id");
        assertThat(answers.get(41).statusCode()).isEqualTo(404);
        assertThat(answers.get(42).statusCode()).isEqualTo(409);
        HttpResponse<Buffer> named = answers.get(43);
        assertThat(named.statusCode()).isEqualTo(202);
        assertThat(named.bodyAsJsonObject().getString("snapshot_id")).isEqualTo(open.toString());
        // Pre-state capture found no tools for the alert: the snapshot's (empty) pre state comes back with it.
        assertThat(named.bodyAsJsonObject().getJsonObject("pre_state")).isNotNull();
        // Only the accepted ones were stored: 41 now, and the one verified before.
        assertThat(count(owner.incidentId())).isEqualTo(42);
        assertThat(count(other.incidentId())).isZero();
        given().get("/api/verifications/{id}", named.bodyAsJsonObject().getString("id")).then().statusCode(200);
    }

    /** Sends every body at once over up to 100 connections; the answers in the bodies' order. */
    private List<HttpResponse<Buffer>> submitTogether(List<Map<String, Object>> bodies) {
        return Multi.createFrom().range(0, bodies.size())
                .onItem().transformToUni(i -> client.postAbs(endpoint.toString())
                        .sendJsonObject(new JsonObject(bodies.get(i))).map(answer -> Map.entry(i, answer)))
                .merge(100)
                .collect().asMap(Map.Entry::getKey, Map.Entry::getValue)
                .map(byIndex -> IntStream.range(0, bodies.size()).mapToObj(byIndex::get).toList())
                .await().atMost(Duration.ofSeconds(120));
    }

    /** Stored verifications by incident id (a LIKE pattern): incident id to verification id. */
    private Map<String, String> stored(String incidentIds) {
        Map<String, String> stored = new HashMap<>();
        for (Row row : pool.preparedQuery("select incident_id, id from verifications where incident_id like $1")
                .execute(Tuple.of(incidentIds)).await().atMost(Duration.ofSeconds(10))) {
            stored.put(row.getString("incident_id"), row.getUUID("id").toString());
        }
        return stored;
    }

    private long count(String incidentId) {
        return pool.preparedQuery("select count(*) from verifications where incident_id = $1")
                .execute(Tuple.of(incidentId)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }

    /** Statements the service's pg client has sent so far (its Vert.x client metrics). */
    private static double statements() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith("postgresql_processing_seconds_count"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
