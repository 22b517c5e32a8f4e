package dev.flywheel.run;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;

import dev.flywheel.common.testing.OpenApiContractTest;
import dev.flywheel.run.support.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
                        + " ClaimingTest cancels a pending run with 200",
                "GET /api/experiments/{id}/events", "without until=idle an experiment's stream stays open (SPEC §10):"
                        + " ExperimentEventsStreamTest reads it to its end with until=idle");
    }

    /** The event streams are Vert.x routes, not resources: documented by META-INF/openapi.yaml, not by scanning. */
    @Test
    void theEventStreamsAreDocumentedWithTheirParametersAndAnswers() {
        for (String path : new String[] { "/api/runs/{id}/events", "/api/experiments/{id}/events" }) {
            String get = "paths.'" + path + "'.get";
            given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                    .body(get + ".responses.'200'.content", hasKey("text/event-stream"))
                    .body(get + ".responses", hasKey("204"))
                    .body(get + ".responses.'400'.content", hasKey("application/problem+json"))
                    .body(get + ".responses.'404'.content", hasKey("application/problem+json"))
                    .body(get + ".parameters.find { it.name == 'Last-Event-ID' }.in", is("header"));
        }
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/experiments/{id}/events'.get.parameters.find { it.name == 'until' }.schema.enum",
                        is(List.of("idle")));
    }
}
