package dev.flywheel.run;

import static io.restassured.RestAssured.given;

import dev.flywheel.common.testing.OpenApiContractTest;
import dev.flywheel.run.support.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;

/** run-service's /q/openapi against swagger-parser, Redocly's recommended rules and its real answers. */
@QuarkusTest
class OpenApiTest extends OpenApiContractTest {

    @Override
    protected Map<String, String> pathValuesFor(String operation) {
        String experimentId = given().contentType(ContentType.JSON).body(TestData.experiment("documented"))
                .post("/api/experiments").then().statusCode(201).extract().path("id");
        if (!operation.startsWith("GET /api/runs/{id}") && !operation.startsWith("POST /api/runs/{id}")) {
            return Map.of("id", experimentId);
        }
        String runId = given().contentType(ContentType.JSON).body(TestData.run("documented", "echo:any"))
                .post("/api/experiments/{id}/runs", experimentId).then().statusCode(202).extract().path("id");
        return Map.of("id", runId);
    }

    @Override
    protected Map<String, String> validBodies() {
        return Map.of(
                "POST /api/experiments", "{\"name\": \"documented\"}",
                "POST /api/experiments/{id}/runs", "{\"prompt\": \"hi\", \"model\": \"echo:any\"}",
                "POST /api/experiments/{id}/runs:batch", "{\"prompts\": [\"hi\"], \"models\": [\"echo:any\"]}",
                "POST /api/experiments/{id}/runs:bulk", "{\"runs\": [{\"prompt\": \"hi\", \"model\": \"echo:any\"}]}",
                "POST /api/templates/render", "{\"template\": \"hi {{ input }}\"}");
    }

    @Override
    protected Map<String, String> withoutSuccessCase() {
        return Map.of(
                "POST /api/runs/{id}/cancel", "an echo run ends at once and a cancel after the end is 409:"
                        + " ClaimingTest cancels a pending run with 200");
    }
}
