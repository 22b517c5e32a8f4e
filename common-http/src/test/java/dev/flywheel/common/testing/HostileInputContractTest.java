package dev.flywheel.common.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.configuration.MemorySize;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * The hostile-input contract (SPEC §3: "never a stack trace, never a 500 for bad input"): every operation in
 * the service's own OpenAPI document is sent hostile bodies and hostile path values, and must answer below 500,
 * every 4xx as problem+json with its status and title. Deriving the cases from {@code /q/openapi} means a new
 * endpoint is covered without touching this class. Unknown body fields are ignored (a tolerant reader: Quarkus'
 * default, and what the UI and peers rely on when one side is newer), never named as an error.
 */
public abstract class HostileInputContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String PROBLEM = "application/problem+json";
    private static final String UNKNOWN_FIELD = "zz_no_such_field";
    private static final String ONE_MB = "x".repeat(1_000_000);

    /** Operations ({@code POST /api/agents}) that must be among those found, so the test cannot pass vacuously. */
    protected abstract Set<String> knownOperations();

    /**
     * Real values for path parameters, by parameter name, so that a hostile body reaches validation rather
     * than stopping at a 404 (called once per factory, inside the running app). Parameters not named get a
     * random UUID.
     */
    protected Map<String, String> realPathValues() {
        return Map.of();
    }

    /**
     * A valid body per operation label: the base each hostile property value is put into, so that the
     * hostile value is the only thing wrong with the request. Operations not named start from {@code {}}.
     */
    protected Map<String, String> validBodies() {
        return Map.of();
    }

    @Test
    void theOperationsAreReadFromTheOpenApiDocument() {
        List<String> labels = operations().stream().map(ApiOperation::label).toList();
        assertThat(labels).containsAll(knownOperations());
    }

    @TestFactory
    Stream<DynamicTest> everyJsonBodyOperationSurvivesHostileBodies() {
        Map<String, String> ids = realPathValues();
        Map<String, String> bases = validBodies();
        List<DynamicTest> tests = new ArrayList<>();
        for (ApiOperation operation : operations()) {
            if (!operation.takesJson()) {
                continue;
            }
            String path = operation.expand(withDefaults(operation, ids));
            ObjectNode base = parse(bases.getOrDefault(operation.label(), "{}"));
            for (Map.Entry<String, byte[]> body : wholeBodies().entrySet()) {
                tests.add(hostileCase(operation.label() + " ← " + body.getKey(),
                        () -> assertProblemOrSuccess(send(operation, path, body.getValue(), "application/json"))));
            }
            tests.add(hostileCase(operation.label() + " ← text/plain instead of JSON",
                    () -> assertProblemOrSuccess(send(operation, path, bytes(base.toString()), "text/plain"))));
            tests.add(hostileCase(operation.label() + " ← a body over the size limit is 413",
                    () -> assertTooLarge(send(operation, path, bytes(oversized()), "application/json"))));
            tests.add(hostileCase(operation.label() + " ← an unknown field is ignored",
                    () -> assertUnknownFieldIgnored(operation, path, base, bases.containsKey(operation.label()))));
            for (Map.Entry<String, ApiOperation.Kind> property : operation.bodyProperties().entrySet()) {
                for (Map.Entry<String, JsonNode> value : hostileValues(property.getValue()).entrySet()) {
                    ObjectNode body = base.deepCopy();
                    body.set(property.getKey(), value.getValue());
                    boolean typeError = property.getValue() == ApiOperation.Kind.STRING && value.getValue().isObject();
                    tests.add(hostileCase(
                            operation.label() + " ← " + value.getKey() + " in " + property.getKey(), () -> {
                                Response response = send(operation, path, bytes(body.toString()), "application/json");
                                assertProblemOrSuccess(response);
                                if (typeError) {
                                    assertFieldRefused(response, property.getKey());
                                }
                            }));
                }
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyPathParameterSurvivesHostileValues() {
        Map<String, String> ids = realPathValues();
        List<DynamicTest> tests = new ArrayList<>();
        for (ApiOperation operation : operations()) {
            for (String parameter : operation.pathParameters()) {
                for (Map.Entry<String, String> value : hostilePathValues().entrySet()) {
                    Map<String, String> values = new HashMap<>(withDefaults(operation, ids));
                    values.put(parameter, value.getValue());
                    String path = operation.expand(values);
                    tests.add(hostileCase(operation.label() + " ← " + value.getKey() + " as " + parameter,
                            () -> assertRefusedBeforeTheApp(path, send(operation, path, bytes("{}"), "application/json"))));
                }
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyQueryParameterSurvivesHostileValues() {
        Map<String, String> ids = realPathValues();
        List<DynamicTest> tests = new ArrayList<>();
        for (ApiOperation operation : operations()) {
            if (operation.method().equals("DELETE")) {
                continue;
            }
            String path = operation.expand(withDefaults(operation, ids));
            for (String parameter : operation.queryParameters()) {
                for (Map.Entry<String, String> value : hostileQueryValues().entrySet()) {
                    String target = path + "?" + parameter + "=" + value.getValue();
                    tests.add(hostileCase(operation.label() + " ← " + value.getKey() + " as ?" + parameter,
                            () -> assertProblemOrSuccess(send(operation, target, bytes("{}"), "application/json"))));
                }
            }
        }
        return tests.stream();
    }

    /** A case whose failure names it: surefire reports dynamic tests only by their index. */
    private static DynamicTest hostileCase(String name, Executable check) {
        return DynamicTest.dynamicTest(name, () -> {
            try {
                check.execute();
            } catch (AssertionError e) {
                throw new AssertionError(name + ": " + e.getMessage(), e);
            }
        });
    }

    /** Bodies that are wrong as a whole, whatever the operation expects. */
    private static Map<String, byte[]> wholeBodies() {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("an empty body", new byte[0]);
        bodies.put("null", bytes("null"));
        bodies.put("an empty array", bytes("[]"));
        bodies.put("an array of objects", bytes("[{}, {}]"));
        bodies.put("a number", bytes("42"));
        bodies.put("a string", bytes("\"text\""));
        bodies.put("a boolean", bytes("true"));
        bodies.put("truncated JSON", bytes("{\"a\": "));
        bodies.put("trailing garbage", bytes("{} {"));
        bodies.put("5,000 nested arrays", bytes("[".repeat(5_000) + "]".repeat(5_000)));
        bodies.put("2,000 nested objects", bytes("{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000)));
        bodies.put("invalid UTF-8", new byte[] { '{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' });
        bodies.put("a lone surrogate escape", bytes("{\"a\": \"\\uD800\"}"));
        bodies.put("a NUL character", bytes("{\"a\": \"\\u0000\"}"));
        return bodies;
    }

    /** Values of the wrong type or out of any sensible range for one body property. */
    private static Map<String, JsonNode> hostileValues(ApiOperation.Kind kind) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        switch (kind) {
            case STRING -> {
                values.put("an object", NODES.objectNode().put("unexpected", true));
                values.put("a 1 MB string", NODES.textNode(ONE_MB));
                values.put("a NUL character", NODES.textNode("a\u0000b"));
            }
            case NUMBER -> {
                values.put("a string", NODES.textNode("not a number"));
                values.put("1e400", NODES.numberNode(new BigDecimal("1e400")));
                values.put("-1", NODES.numberNode(-1));
                values.put("2^63", NODES.numberNode(new BigInteger("9223372036854775808")));
            }
            case BOOLEAN -> values.put("an object", NODES.objectNode().put("unexpected", true));
            case OBJECT -> {
                values.put("a number", NODES.numberNode(42));
                values.put("an array", NODES.arrayNode().add(1));
            }
            case ARRAY -> {
                values.put("a string", NODES.textNode("not an array"));
                values.put("an array of 1 MB strings", NODES.arrayNode().add(ONE_MB));
            }
            case ANY -> values.put("a 1 MB string", NODES.textNode(ONE_MB));
        }
        values.put("null", NODES.nullNode());
        return values;
    }

    /** Path values that are no id: each must be refused (or not found), never reach SQL as a 500. */
    private static Map<String, String> hostilePathValues() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("a non-UUID", "not-a-uuid");
        values.put("an unknown UUID", UUID.randomUUID().toString());
        values.put("encoded traversal", "..%2F..%2Fetc%2Fpasswd");
        values.put("an encoded NUL", "%00");
        values.put("encoded invalid UTF-8", "%C3%28");
        values.put("unicode", "%E2%98%83%F0%9F%92%A5");
        values.put("SQL", "1%27%20OR%20%271%27%3D%271");
        values.put("a 2 KB value", "a".repeat(2_048));
        values.put("an 8 KB value", "a".repeat(8_192));
        return values;
    }

    /** Query values: numbers out of range, cursors that decode to nothing, text that is no text. */
    private static Map<String, String> hostileQueryValues() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("an empty value", "");
        values.put("a word", "abc");
        values.put("-1", "-1");
        values.put("2^63", "9223372036854775808");
        values.put("1e400", "1e400");
        values.put("an encoded NUL", "%00");
        values.put("encoded invalid UTF-8", "%C3%28");
        values.put("base64 of JSON that is no cursor", "eyJ4IjoxfQ");
        values.put("not base64", "!!!%2F%2F");
        values.put("a 2 KB value", "a".repeat(2_048));
        return values;
    }

    private static Map<String, String> withDefaults(ApiOperation operation, Map<String, String> ids) {
        Map<String, String> values = new HashMap<>();
        for (String parameter : operation.pathParameters()) {
            values.put(parameter, ids.getOrDefault(parameter, UUID.randomUUID().toString()));
        }
        return values;
    }

    private static Response send(ApiOperation operation, String path, byte[] body, String contentType) {
        RequestSpecification request = given().urlEncodingEnabled(false);
        if (operation.writes()) {
            request = request.contentType(contentType).body(body);
        }
        return request.request(operation.method(), path);
    }

    private static void assertProblemOrSuccess(Response response) {
        int status = response.statusCode();
        String body = response.asString();
        assertThat(status).as("status, answer: %s", abbreviate(body)).isLessThan(500);
        if (status >= 400) {
            assertThat(response.contentType()).as("content type of the %d answer %s", status, abbreviate(body))
                    .startsWith(PROBLEM);
            JsonNode problem = parseAny(body);
            assertThat(problem.path("status").asInt()).as("problem status").isEqualTo(status);
            assertThat(problem.path("title").asText()).as("problem title").isNotBlank();
            assertThat(body).as("problem body").doesNotContain("Exception").doesNotContain("dev.flywheel");
        }
    }

    /**
     * A request line over Vert.x's limit (4 KB by default) is answered 414 by the HTTP codec itself, before any
     * Flywheel code could write a problem; anything shorter must be the usual problem or success.
     */
    private static void assertRefusedBeforeTheApp(String path, Response response) {
        if (response.statusCode() == 414) {
            assertThat(path.length()).as("length of a path answered 414").isGreaterThan(4_000);
        } else {
            assertProblemOrSuccess(response);
        }
    }

    /** A value of the wrong type is a 400 naming the field, which also proves the document uses the wire names. */
    private static void assertFieldRefused(Response response, String field) {
        assertThat(response.statusCode()).as("answer: %s", abbreviate(response.asString())).isEqualTo(400);
        List<String> fields = parseAny(response.asString()).path("errors").findValuesAsText("field");
        assertThat(fields).contains(field);
    }

    private static void assertTooLarge(Response response) {
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.contentType()).startsWith(PROBLEM);
        assertThat(parseAny(response.asString()).path("status").asInt()).isEqualTo(413);
    }

    private static void assertUnknownFieldIgnored(ApiOperation operation, String path, ObjectNode base, boolean valid) {
        ObjectNode body = base.deepCopy().put(UNKNOWN_FIELD, 1);
        Response response = send(operation, path, bytes(body.toString()), "application/json");
        assertProblemOrSuccess(response);
        assertThat(response.asString()).as("an unknown field is never named as an error").doesNotContain(UNKNOWN_FIELD);
        if (valid) {
            assertThat(response.statusCode()).as("a valid body with an unknown field, answer: %s",
                    abbreviate(response.asString())).isBetween(200, 299);
        }
    }

    /** One byte past the configured body limit (SPEC §3, {@code quarkus.http.limits.max-body-size}). */
    private static String oversized() {
        long limit = ConfigProvider.getConfig().getValue("quarkus.http.limits.max-body-size", MemorySize.class)
                .asLongValue();
        String prefix = "{\"a\": \"";
        return prefix + "x".repeat((int) limit - prefix.length() - 1) + "\"}";
    }

    private static List<ApiOperation> operations() {
        String document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString();
        List<ApiOperation> operations = ApiOperation.allOf(parseAny(document));
        assertThat(operations).as("operations in /q/openapi").isNotEmpty();
        return operations;
    }

    private static ObjectNode parse(String json) {
        return (ObjectNode) parseAny(json);
    }

    private static JsonNode parseAny(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + abbreviate(json), e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
