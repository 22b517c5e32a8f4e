package dev.flywheel.verify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import dev.flywheel.verify.incident.Incident;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import java.util.UUID;

/** The service calls most tests make, through HTTP. */
public final class TestApi {

    private TestApi() {
    }

    /** Submits a verification with {@code ?wait=true} and answers the finished verification. */
    public static JsonPath verifyAndWait(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body)
                .post("/api/verifications?wait=true")
                .then().statusCode(200).body("status", is("done"))
                .extract().jsonPath();
    }

    /** Captures an incident's pre-state and answers the new snapshot's id. */
    public static UUID preState(Incident incident) {
        return UUID.fromString(given().contentType(ContentType.JSON).body(TestData.json(incident))
                .post("/api/incidents/{id}/pre-state", incident.incidentId())
                .then().statusCode(201).extract().path("id"));
    }
}
