package dev.flywheel.verify.verification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import dev.flywheel.verify.TestData;
import dev.flywheel.verify.incident.TestIncidents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A verification whose replica died (its lease ran out while pending) is finished by another. */
@QuarkusTest
class StalledVerificationSweeperTest {

    @Inject
    StalledVerificationSweeper sweeper;
    @Inject
    Pool pool;

    @Test
    void aPendingVerificationWithAnExpiredLeaseIsTakenOverAndFinished() {
        String incidentId = TestIncidents.freshId();
        // A 600 s warmup stands for a replica that accepted the verification and then went away.
        String id = given().contentType(ContentType.JSON)
                .body(TestData.verification(TestIncidents.incident(incidentId, Map.of()), "restart", 600))
                .post("/api/verifications").then().statusCode(202).body("status", is("pending"))
                .extract().path("id");
        pool.preparedQuery("update verifications set lease_until = now() - interval '1 second' where id = $1")
                .execute(Tuple.of(UUID.fromString(id))).await().atMost(Duration.ofSeconds(10));

        sweeper.sweep().await().atMost(Duration.ofSeconds(30));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/verifications/{id}", id)
                .then().statusCode(200)
                .body("status", is("done"))
                .body("result", is("degraded"))
                .body("snapshot_id", notNullValue()));
    }

    @Test
    void anOwnerAndATakeOverFinishingTogetherCompleteTheVerificationOnce() {
        String incidentId = TestIncidents.freshId();
        String id = given().contentType(ContentType.JSON)
                .body(TestData.verification(TestIncidents.incident(incidentId, Map.of()), "restart", 1))
                .post("/api/verifications").then().statusCode(202).extract().path("id");
        pool.preparedQuery("update verifications set lease_until = now() - interval '1 second' where id = $1")
                .execute(Tuple.of(UUID.fromString(id))).await().atMost(Duration.ofSeconds(10));

        sweeper.sweep().await().atMost(Duration.ofSeconds(30));

        // The owner's run ends a second later and must find the verification done: one snapshot, for good.
        await().atMost(Duration.ofSeconds(20)).during(Duration.ofSeconds(3))
                .until(() -> evidenceCount(incidentId) == 1);
        given().get("/api/verifications/{id}", id).then().statusCode(200).body("status", is("done"));
    }

    private static int evidenceCount(String incidentId) {
        return given().get("/api/incidents/{id}/evidence", incidentId).then().statusCode(200)
                .extract().path("items.size()");
    }

    @Test
    void aVerificationWithinItsLeaseIsLeftToItsOwner() {
        String id = given().contentType(ContentType.JSON)
                .body(TestData.verification(TestIncidents.incident(TestIncidents.freshId(), Map.of()), "restart", 600))
                .post("/api/verifications").then().statusCode(202).extract().path("id");

        sweeper.sweep().await().atMost(Duration.ofSeconds(30));

        given().get("/api/verifications/{id}", id).then().statusCode(200).body("status", is("pending"));
    }
}
