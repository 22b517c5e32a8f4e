package dev.flywheel.common.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * SPEC §10 "OpenAPI tells the truth", checked against the service's own {@code /q/openapi}: the document is valid
 * for a real OpenAPI parser (swagger-parser), every operation has an id, the bearer-key security scheme and its
 * problem responses as {@code application/problem+json}, and every operation answers a real request with a success
 * status the document names. The cases come from the document, so a new operation is covered without editing the
 * test; an operation that cannot be given a successful request here must be named, with the reason, by
 * {@link #withoutSuccessCase()}.
 */
public abstract class OpenApiContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEM = "application/problem+json";

    /**
     * Real path values for one operation, so that it can succeed; called once per operation, so a service can make
     * fresh resources for operations that consume them (a DELETE). Parameters not named get a random UUID.
     */
    protected abstract Map<String, String> pathValuesFor(String operation);

    /** A valid JSON body per operation label ({@code POST /api/agents}); operations not named send {@code {}}. */
    protected Map<String, String> validBodies() {
        return Map.of();
    }

    /** Operations that cannot be given a successful request in this test, with the reason. */
    protected Map<String, String> withoutSuccessCase() {
        return Map.of();
    }

    @Test
    void theDocumentIsValidForSwaggerParser() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document(), null, options);

        assertThat(result.getMessages()).as("swagger-parser messages").isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getOpenAPI().getPaths()).isNotEmpty();
        assertThat(result.getOpenAPI().getComponents().getSecuritySchemes()).containsKey("apiKey");
        assertThat(result.getOpenAPI().getComponents().getSecuritySchemes().get("apiKey").getScheme())
                .isEqualTo("bearer");
    }

    @Test
    void theDocumentLintsCleanUnderRedoclyRecommended() {
        RedoclyLint.assertClean(document(), "openapi");
    }

    @TestFactory
    Stream<DynamicTest> everyOperationHasAnIdASuccessAndItsProblemResponses() {
        JsonNode openApi = parse(document());
        List<DynamicTest> tests = new ArrayList<>();
        for (ApiOperation operation : ApiOperation.allOf(openApi)) {
            JsonNode node = openApi.path("paths").path(operation.path()).path(operation.method().toLowerCase());
            tests.add(DynamicTest.dynamicTest(operation.label(), () -> {
                assertThat(node.path("operationId").asText()).as("operationId").isNotBlank();
                assertThat(node.path("summary").asText()).as("summary").isNotBlank();
                assertThat(operation.successStatuses()).as("documented success statuses").isNotEmpty();
                List<String> codes = new ArrayList<>();
                node.path("responses").fieldNames().forEachRemaining(codes::add);
                assertThat(codes).as("responses").contains("400");
                if (!operation.pathParameters().isEmpty()) {
                    assertThat(codes).as("responses").contains("404");
                }
                for (String code : codes) {
                    if (code.startsWith("4")) {
                        assertThat(node.path("responses").path(code).path("content").has(PROBLEM))
                                .as("%s answered as %s", code, PROBLEM).isTrue();
                    }
                }
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyOperationAnswersADocumentedSuccessStatus() {
        List<ApiOperation> operations = new ArrayList<>(ApiOperation.allOf(parse(document())));
        // Deletions last: they consume what the other operations of the same resource need.
        operations.sort(Comparator.comparing(operation -> operation.method().equals("DELETE")));
        Map<String, String> bodies = validBodies();
        Set<String> skipped = withoutSuccessCase().keySet();
        List<String> labels = operations.stream().map(ApiOperation::label).toList();
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("every operation without a success case exists", () ->
                assertThat(labels).containsAll(skipped)));
        for (ApiOperation operation : operations) {
            if (skipped.contains(operation.label())) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(operation.label(), () -> {
                Map<String, String> values = pathValuesFor(operation.label());
                Map<String, String> filled = new HashMap<>();
                for (String parameter : operation.pathParameters()) {
                    filled.put(parameter, values.getOrDefault(parameter, UUID.randomUUID().toString()));
                }
                RequestSpecification request = given();
                if (operation.takesJson()) {
                    request = request.contentType("application/json").body(bodies.getOrDefault(operation.label(), "{}"));
                }
                Response response = request.request(operation.method(), operation.expand(filled));
                assertThat(operation.successStatuses()).as("documented success statuses; the answer was %d %s",
                        response.statusCode(), abbreviate(response.asString())).contains(response.statusCode());
            }));
        }
        return tests.stream();
    }

    private static String document() {
        return given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + abbreviate(json), e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
