package dev.flywheel.variant;

import static io.restassured.RestAssured.given;

import static org.hamcrest.Matchers.is;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Request bodies and setup calls for the API tests: no JSON strings scattered through them. */
public final class TestData {

    /** The twelve config fields of SPEC §4, as the API names them. */
    public static final List<String> CONFIG_FIELDS = List.of("model_provider", "model_name", "system_prompt",
            "user_prompt_template", "prompt_version", "temperature", "max_tokens", "context_window",
            "input_token_limit", "token_budget", "timeout_seconds", "max_retries");

    private TestData() {
    }

    /** The twelve config fields with these values, in {@link #CONFIG_FIELDS}' order. */
    public static Map<String, Object> config(Object... values) {
        Map<String, Object> config = new LinkedHashMap<>();
        for (int i = 0; i < CONFIG_FIELDS.size(); i++) {
            config.put(CONFIG_FIELDS.get(i), values[i]);
        }
        return config;
    }

    /** The config of an agent created from {@link #agent()}: SPEC §4's defaults and its model. */
    public static Map<String, Object> defaultConfig() {
        return config("ollama", "llama3", "", "", "", 0.0, 32768, 0, 0, 0, 120, 2);
    }

    /** Asserts each field of the answer: JSON numbers with a fraction read back as floats. */
    public static ValidatableResponse hasFields(ValidatableResponse response, Map<String, Object> expected) {
        expected.forEach((field, value) -> response.body(field, is(value instanceof Double d ? d.floatValue() : value)));
        return response;
    }

    /** A valid body per write operation, for the contract tests that go through every operation of the document. */
    public static Map<String, String> validBodies() {
        return Map.of(
                "POST /api/agents", "{\"name\": \"" + unique("Contract agent") + "\", \"model_name\": \"llama3\"}",
                "PATCH /api/agents/{agent_id}", "{\"description\": \"patched\"}",
                "POST /api/agents/{agent_id}/variants", "{\"variant_name\": \"" + unique("Contract") + "\"}",
                "PATCH /api/agents/{agent_id}/variants/{variant_id}", "{\"description\": \"patched\"}",
                "POST /api/agents/{agent_id}/clone", "{\"variant_name\": \"" + unique("Clone") + "\"}",
                "POST /api/agents/{agent_id}/variants/{variant_id}/clone",
                "{\"variant_name\": \"" + unique("Clone") + "\"}");
    }

    /** A unique name, so that tests never depend on what earlier runs left in the database. */
    public static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An agent body with a unique name and the only required config field. */
    public static Map<String, Object> agent() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", unique("Agent"));
        body.put("model_name", "llama3");
        return body;
    }

    /** An agent body with every one of the twelve config fields set away from its default. */
    public static Map<String, Object> fullAgent() {
        Map<String, Object> body = agent();
        body.put("description", "extracts facts");
        body.putAll(config("openai", "gpt-4o-mini", "You are precise.", "Extract: {{ input }}", "v3", 0.7, 4096, 128000,
                8000, 50000, 60, 4));
        return body;
    }

    public static Map<String, Object> variant(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("variant_name", name);
        return body;
    }

    public static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put(field, value);
        return copy;
    }

    public static RequestSpecification json() {
        return given().contentType(ContentType.JSON);
    }

    /** Creates an agent through the API and answers its id. */
    public static String createAgent(Map<String, Object> body) {
        return json().body(body).post("/api/agents").then().statusCode(201).extract().path("id");
    }

    public static String createAgent() {
        return createAgent(agent());
    }

    /** Creates a variant through the API and answers its id. */
    public static String createVariant(String agentId, Map<String, Object> body) {
        return json().body(body).post("/api/agents/{a}/variants", agentId).then().statusCode(201).extract().path("id");
    }

    public static String createVariant(String agentId, String name) {
        return createVariant(agentId, variant(name));
    }

    public static void activate(String agentId, String variantId) {
        given().post("/api/agents/{a}/variants/{v}/activate", agentId, variantId).then().statusCode(200);
    }
}
