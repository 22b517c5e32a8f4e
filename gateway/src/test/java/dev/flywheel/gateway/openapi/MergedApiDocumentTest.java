package dev.flywheel.gateway.openapi;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.flywheel.gateway.GatewayTestSupport.fake;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import dev.flywheel.common.testing.RedoclyLint;
import dev.flywheel.gateway.FakeServices;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SPEC §10: the gateway serves the whole API's document at /q/openapi and Swagger UI at /q/swagger-ui, publicly. */
@QuarkusTest
@WithTestResource(FakeServices.class)
class MergedApiDocumentTest {

    private static final Map<String, String> PATHS = Map.of("variant", "/api/agents", "run", "/api/experiments",
            "verify", "/api/verifications", "selftest", "/api/selftest/events");

    @BeforeEach
    void servicesServeTheirDocuments() {
        PATHS.forEach((service, path) -> {
            fake(service).resetMappings();
            fake(service).register(get(urlPathEqualTo("/q/openapi")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody(document(service, path).encode())));
        });
    }

    @Test
    void theMergedDocumentHasEveryServicesOperationsAndNeedsNoKey() {
        String merged = given().get("/q/openapi").then().statusCode(200)
                .contentType(containsString("application/json")).extract().asString();

        JsonPath json = JsonPath.from(merged);
        PATHS.values().forEach(path -> assertThat(json.getMap("paths")).containsKey(path));
        assertThat(json.getString("components.securitySchemes.apiKey.scheme")).isEqualTo("bearer");
        PATHS.keySet().forEach(service ->
                assertThat(json.getString("'x-flywheel-sources'.'" + service + "-service'.status")).isEqualTo("live"));
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(merged);
        assertThat(parsed.getMessages()).isEmpty();
        RedoclyLint.assertClean(merged, "merged");
    }

    @Test
    void aServiceThatIsDownIsServedFromItsLastDocumentMarked() {
        given().get("/q/openapi").then().statusCode(200);
        fake("run").resetMappings();
        fake("run").register(get(urlPathEqualTo("/q/openapi")).willReturn(aResponse().withStatus(503)));

        JsonPath json = given().get("/q/openapi").then().statusCode(200).extract().jsonPath();

        assertThat(json.getMap("paths")).containsKey("/api/experiments");
        assertThat(json.getString("'x-flywheel-sources'.'run-service'.status")).isEqualTo("cached");
        assertThat(json.getString("info.description")).contains("run-service is unavailable");
        assertThat(json.getString("'x-flywheel-sources'.'variant-service'.status")).isEqualTo("live");
    }

    @Test
    void swaggerUiIsServedFromItsWebjar() {
        String page = given().get("/q/swagger-ui/").then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();
        assertThat(page).contains(ApiDocumentRoutes.SWAGGER_UI + "/swagger-ui-bundle.js").doesNotContain("https://");
        given().get(ApiDocumentRoutes.SWAGGER_UI + "/swagger-ui-bundle.js").then().statusCode(200);
        given().get("/q/swagger-ui/start.js").then().statusCode(200).body(containsString("/q/openapi"));
        given().redirects().follow(false).get("/q/swagger-ui").then().statusCode(301)
                .header("Location", is("/q/swagger-ui/"));
    }

    /** A small document of the shape every service serves (common-http's ApiConventions). */
    static JsonObject document(String service, String path) {
        JsonObject problem = new JsonObject().put("description", "A problem").put("content", new JsonObject()
                .put("application/problem+json", new JsonObject().put("schema",
                        new JsonObject().put("$ref", "#/components/schemas/Problem"))));
        JsonObject operation = new JsonObject().put("operationId", "list" + service).put("summary", "List " + service)
                .put("responses", new JsonObject()
                        .put("200", new JsonObject().put("description", "OK").put("content", new JsonObject()
                                .put("application/json", new JsonObject().put("schema",
                                        new JsonObject().put("$ref", "#/components/schemas/Page")))))
                        .put("400", problem));
        return new JsonObject().put("openapi", "3.1.0")
                .put("info", new JsonObject().put("title", "Flywheel " + service).put("version", "1.0.0"))
                .put("paths", new JsonObject().put(path, new JsonObject().put("get", operation)))
                .put("security", new JsonArray().add(new JsonObject().put("apiKey", new JsonArray())))
                .put("components", new JsonObject()
                        .put("schemas", new JsonObject()
                                .put("Problem", new JsonObject().put("type", "object"))
                                .put("Page", new JsonObject().put("type", "object").put("description", service)))
                        .put("securitySchemes", new JsonObject().put("apiKey",
                                new JsonObject().put("type", "http").put("scheme", "bearer"))));
    }
}
