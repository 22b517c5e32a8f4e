package dev.flywheel.run;

import static io.restassured.RestAssured.given;

import dev.flywheel.common.testing.HostileInputContractTest;
import dev.flywheel.run.support.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.Set;

@QuarkusTest
class HostileInputTest extends HostileInputContractTest {

    @Override
    protected Set<String> knownOperations() {
        return Set.of("POST /api/experiments", "POST /api/experiments/{id}/runs", "GET /api/runs/{id}",
                "POST /api/runs/{id}/cancel", "GET /api/runs",
                "POST /api/experiments/{id}/runs:bulk", "POST /api/experiments/{id}/cancel");
    }

    @Override
    protected Map<String, String> realPathValues() {
        String experimentId = given().contentType(ContentType.JSON).body(TestData.experiment("hostile input"))
                .post("/api/experiments").then().statusCode(201).extract().path("id");
        return Map.of("id", experimentId);
    }

    @Override
    protected Map<String, String> validBodies() {
        return Map.of(
                "POST /api/experiments", "{\"name\": \"hostile\"}",
                "POST /api/experiments/{id}/runs", "{\"prompt\": \"hi\", \"model\": \"echo:any\"}",
                "POST /api/experiments/{id}/runs:batch", "{\"prompts\": [\"hi\"], \"models\": [\"echo:any\"]}",
                "POST /api/experiments/{id}/runs:bulk", "{\"runs\": [{\"prompt\": \"hi\", \"model\": \"echo:any\"}]}");
    }
}
