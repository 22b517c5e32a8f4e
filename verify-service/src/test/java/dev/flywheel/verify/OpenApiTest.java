package dev.flywheel.verify;

import static io.restassured.RestAssured.given;

import dev.flywheel.common.testing.OpenApiContractTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;

/** verify-service's /q/openapi against swagger-parser, Redocly's recommended rules and its real answers. */
@QuarkusTest
class OpenApiTest extends OpenApiContractTest {

    private static final String INCIDENT = "{\"incident_id\": \"inc-documented\", \"signals\": [{\"labels\": {\"alertname\": \"X\"}}]}";
    private static final String VERIFICATION = "{\"incident\": " + INCIDENT
            + ", \"action_taken\": \"kubectl rollout restart\", \"warmup_sec\": 0}";

    @Override
    protected Map<String, String> pathValuesFor(String operation) {
        String snapshot = given().contentType(ContentType.JSON).body(INCIDENT)
                .post("/api/incidents/{i}/pre-state", "inc-documented").then().statusCode(201).extract().path("id");
        String verification = given().contentType(ContentType.JSON).body(VERIFICATION)
                .post("/api/verifications").then().statusCode(202).extract().path("id");
        return Map.of("incident_id", "inc-documented", "snapshot_id", snapshot, "id", verification,
                "name", "http_health");
    }

    @Override
    protected Map<String, String> validBodies() {
        return Map.of(
                "POST /api/verifications", VERIFICATION,
                "POST /api/incidents/{incident_id}/pre-state", INCIDENT,
                "POST /api/tools/{name}/execute", "{\"url\": \"http://127.0.0.1:9/q/health/ready\"}");
    }
}
