package dev.flywheel.verify.verification;

import static dev.flywheel.verify.TestApi.preState;
import static dev.flywheel.verify.TestApi.verifyAndWait;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import dev.flywheel.verify.TestData;
import dev.flywheel.verify.incident.Incident;
import dev.flywheel.verify.incident.TestIncidents;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
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
 * verification, stored before the answer, and a submission whose snapshot does not fit is refused alone; of the
 * submissions naming one snapshot, whether in one group or in several, exactly one is stored.
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

    @Test
    void manySubmissionsNamingOneSnapshotTogetherAcceptExactlyOneAndItsVerdictIsTheSnapshots() {
        Incident incident = TestIncidents.incident(TestIncidents.freshId(), Map.of("alertname", "Batch"));
        UUID snapshot = preState(incident);
        // Each names its own action, so the snapshot shows whose verdict it holds.
        List<Map<String, Object>> bodies = IntStream.range(0, 30)
                .mapToObj(i -> TestData.verification(incident, "restart-" + i, 0, snapshot)).toList();

        List<HttpResponse<Buffer>> answers = submitTogether(bodies);

        List<JsonObject> accepted = answers.stream().filter(answer -> answer.statusCode() == 202)
                .map(HttpResponse::bodyAsJsonObject).toList();
        assertThat(accepted).as("accepted submissions").hasSize(1);
        List<HttpResponse<Buffer>> refused = answers.stream().filter(answer -> answer.statusCode() != 202).toList();
        assertThat(refused).hasSize(29).allSatisfy(answer -> assertConflictOver(answer, snapshot));
        String id = accepted.get(0).getString("id");
        String action = accepted.get(0).getString("action_taken");
        JsonPath done = await().atMost(Duration.ofSeconds(20)).until(
                () -> given().get("/api/verifications/{id}", id).then().statusCode(200).extract().jsonPath(),
                view -> "done".equals(view.getString("status")));
        assertThat(done.getString("snapshot_id")).isEqualTo(snapshot.toString());
        // Its snapshot is the incident's only one: no refused submission left a record behind.
        given().get("/api/incidents/{id}/evidence", incident.incidentId()).then().statusCode(200)
                .body("items.size()", is(1))
                .body("items[0].id", is(snapshot.toString()))
                .body("items[0].action_taken", is(action))
                .body("items[0].verification_result", is(done.getString("result")));
        assertThat(count(incident.incidentId())).isEqualTo(1);
    }

    @Test
    void twoSubmissionsNamingOneSnapshotInAMixedGroupRefuseOnlyOneOfThem() {
        Incident incident = TestIncidents.incident(TestIncidents.freshId(), Map.of("alertname", "Batch"));
        UUID shared = preState(incident);
        List<UUID> own = IntStream.range(0, 10).mapToObj(i -> preState(incident)).toList();
        // The pair in the middle of the others, so that it shares their group.
        List<Map<String, Object>> bodies = new ArrayList<>();
        IntStream.range(0, 20).forEach(i -> bodies.add(TestData.verification(incident, "restart", 0)));
        bodies.add(TestData.verification(incident, "restart", 0, shared));
        bodies.add(TestData.verification(incident, "restart", 0, shared));
        own.forEach(snapshot -> bodies.add(TestData.verification(incident, "restart", 0, snapshot)));

        List<HttpResponse<Buffer>> answers = submitTogether(bodies);

        assertThat(answers.subList(0, 20)).allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(202));
        assertThat(answers.subList(22, 32)).allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(202));
        List<HttpResponse<Buffer>> pair = answers.subList(20, 22);
        assertThat(pair).map(HttpResponse::statusCode).containsExactlyInAnyOrder(202, 409);
        assertConflictOver(pair.stream().filter(answer -> answer.statusCode() == 409).findFirst().orElseThrow(), shared);
        // Every accepted one completes into a snapshot of its own: the ones that named one into it, the 20 that did
        // not into a fallback each.
        await().atMost(Duration.ofSeconds(30)).until(() -> pending(incident.incidentId()) == 0);
        Map<UUID, UUID> snapshots = snapshotsById(incident.incidentId());
        assertThat(snapshots).hasSize(31);
        assertThat(snapshots.values()).doesNotContainNull().doesNotHaveDuplicates().contains(shared)
                .containsAll(own);
        given().get("/api/incidents/{id}/evidence", incident.incidentId()).then().statusCode(200)
                .body("items.size()", is(31))
                .body("items.verification_result", everyItem(notNullValue()));
    }

    private static void assertConflictOver(HttpResponse<Buffer> answer, UUID snapshot) {
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(409);
        assertThat(answer.getHeader("Content-Type")).startsWith("application/problem+json");
        JsonObject problem = answer.bodyAsJsonObject();
        assertThat(problem.getInteger("status")).isEqualTo(409);
        assertThat(problem.getString("detail")).contains(snapshot.toString());
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

    private long pending(String incidentId) {
        return pool.preparedQuery("select count(*) from verifications where incident_id = $1 and status = 'pending'")
                .execute(Tuple.of(incidentId)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }

    /** The incident's verifications: id to the snapshot holding its verdict. */
    private Map<UUID, UUID> snapshotsById(String incidentId) {
        Map<UUID, UUID> snapshots = new HashMap<>();
        for (Row row : pool.preparedQuery("select id, snapshot_id from verifications where incident_id = $1")
                .execute(Tuple.of(incidentId)).await().atMost(Duration.ofSeconds(10))) {
            snapshots.put(row.getUUID("id"), row.getUUID("snapshot_id"));
        }
        return snapshots;
    }

    /** Statements the service's pg client has sent so far (its Vert.x client metrics). */
    private static double statements() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith("postgresql_processing_seconds_count"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
