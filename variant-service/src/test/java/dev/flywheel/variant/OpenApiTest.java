package dev.flywheel.variant;

import static io.restassured.RestAssured.given;

import dev.flywheel.common.testing.OpenApiContractTest;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;

/** variant-service's /q/openapi against swagger-parser, Redocly's recommended rules and its real answers. */
@QuarkusTest
class OpenApiTest extends OpenApiContractTest {

    @Override
    protected Map<String, String> pathValuesFor(String operation) {
        String agentId = TestData.createAgent();
        String slug = given().get("/api/agents/{a}", agentId).then().extract().path("slug");
        return Map.of("agent_id", agentId, "variant_id", TestData.createVariant(agentId, TestData.unique("Doc")),
                "slug", slug);
    }

    @Override
    protected Map<String, String> validBodies() {
        return TestData.validBodies();
    }
}
