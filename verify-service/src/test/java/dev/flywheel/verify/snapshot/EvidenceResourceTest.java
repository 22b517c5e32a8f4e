package dev.flywheel.verify.snapshot;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.flywheel.verify.HealthEndpoints;
import dev.flywheel.verify.TestData;
import dev.flywheel.verify.incident.Incident;
import dev.flywheel.verify.incident.TestIncidents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pre-state capture and evidence; the {@code test_*} display names port seed 003's TestCapturePreState. */
@QuarkusTest
class EvidenceResourceTest {

    @RegisterExtension
    static final HealthEndpoints HEALTH = new HealthEndpoints();

    @Inject
    Pool pool;

    @Test
    @DisplayName("test_captures_state_into_snapshot")
    void thePreStateIsCollectedAndStored() {
        String incidentId = TestIncidents.freshId();
        Incident incident = TestIncidents.withHealthUrl(incidentId,
                HEALTH.serving("{\"status\":\"Running\",\"checks\":[{\"name\":\"pods\",\"status\":\"2/2\"}]}"));

        var created = given().contentType(ContentType.JSON).body(TestData.json(incident))
                .post("/api/incidents/{id}/pre-state", incidentId)
                .then().statusCode(201)
                .body("incident_id", is(incidentId))
                .body("pre_execution_state.http_health.status", is("Running"))
                .body("pre_execution_state.http_health.checks.pods", is("2/2"))
                .body("post_state", nullValue())
                .body("verification_result", nullValue())
                .extract();
        String id = created.path("id");

        assertThat(created.header("Location")).endsWith("/api/incidents/" + incidentId + "/evidence/" + id);
        given().get(created.header("Location")).then().statusCode(200)
                .body("pre_execution_state.http_health.status", is("Running"));
    }

    @Test
    @DisplayName("test_exception_sets_empty_pre_state")
    void aCollectionErrorStoresAnEmptyPreState() {
        String incidentId = TestIncidents.freshId();
        Incident incident = TestIncidents.withHealthUrl(incidentId, HealthEndpoints.refusing());

        given().contentType(ContentType.JSON).body(TestData.json(incident))
                .post("/api/incidents/{id}/pre-state", incidentId)
                .then().statusCode(201)
                .body("pre_execution_state", anEmptyMap());
    }

    @Test
    void theBodyMayOmitTheIncidentIdButNotContradictThePath() {
        String incidentId = TestIncidents.freshId();
        Incident withoutId = new Incident(null, null, List.of());
        given().contentType(ContentType.JSON).body(TestData.json(withoutId))
                .post("/api/incidents/{id}/pre-state", incidentId)
                .then().statusCode(201).body("incident_id", is(incidentId));

        Incident other = TestIncidents.incident("INC-other", Map.of());
        given().contentType(ContentType.JSON).body(TestData.json(other))
                .post("/api/incidents/{id}/pre-state", incidentId)
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors[0].field", is("incident_id"));
        given().contentType(ContentType.JSON).body("[1,2]")
                .post("/api/incidents/{id}/pre-state", incidentId)
                .then().statusCode(400).contentType(startsWith("application/problem+json"));
    }

    @Test
    void evidenceIsListedNewestFirstAPageAtATime() {
        String incidentId = TestIncidents.freshId();
        Incident incident = TestIncidents.incident(incidentId, Map.of());
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(given().contentType(ContentType.JSON).body(TestData.json(incident))
                    .post("/api/incidents/{id}/pre-state", incidentId).then().statusCode(201).extract().path("id"));
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/incidents/{id}/evidence", incidentId).then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("next_cursor");
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        List<String> newestFirst = new ArrayList<>(created);
        Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void badListParametersAreProblemsNotErrors() {
        given().queryParam("limit", 501).get("/api/incidents/{id}/evidence", "INC-x")
                .then().statusCode(400).contentType(startsWith("application/problem+json"));
        given().queryParam("limit", 0).get("/api/incidents/{id}/evidence", "INC-x")
                .then().statusCode(400);
        given().queryParam("cursor", "not-a-cursor!").get("/api/incidents/{id}/evidence", "INC-x")
                .then().statusCode(400).body("errors[0].field", is("cursor"));
        given().get("/api/incidents/{id}/evidence", "INC-" + UUID.randomUUID())
                .then().statusCode(200).body("items.size()", is(0)).body("next_cursor", nullValue());
    }

    @Test
    void aSnapshotIsOnlyFoundUnderItsOwnIncident() {
        String incidentId = TestIncidents.freshId();
        String id = given().contentType(ContentType.JSON).body(TestData.json(TestIncidents.incident(incidentId, Map.of())))
                .post("/api/incidents/{id}/pre-state", incidentId).then().statusCode(201).extract().path("id");

        given().get("/api/incidents/{id}/evidence/{snapshot}", "INC-elsewhere", id).then().statusCode(404);
        given().get("/api/incidents/{id}/evidence/{snapshot}", incidentId, UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void snapshotsAreAppendOnlyInTheDatabaseItself() {
        String incidentId = TestIncidents.freshId();
        UUID id = UUID.fromString(given().contentType(ContentType.JSON)
                .body(TestData.json(TestIncidents.incident(incidentId, Map.of())))
                .post("/api/incidents/{id}/pre-state", incidentId).then().statusCode(201).extract().path("id"));

        assertThatThrownBy(() -> sql("delete from evidence_snapshots where id = $1", id))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> sql("update evidence_snapshots set pre_execution_state = '{\"x\":1}' where id = $1", id))
                .hasMessageContaining("append-only");
        sql("update evidence_snapshots set verification_result = 'success', action_taken = 'restart' where id = $1", id);
        assertThatThrownBy(() -> sql("update evidence_snapshots set verification_result = 'failed' where id = $1", id))
                .hasMessageContaining("already holds a verification");
    }

    private void sql(String statement, UUID id) {
        pool.preparedQuery(statement).execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(10));
    }
}
