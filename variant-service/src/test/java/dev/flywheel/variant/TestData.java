package dev.flywheel.variant;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Request bodies and setup calls for the API tests: no JSON strings scattered through them. */
public final class TestData {

    private TestData() {
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
        body.put("model_provider", "openai");
        body.put("model_name", "gpt-4o-mini");
        body.put("system_prompt", "You are precise.");
        body.put("user_prompt_template", "Extract: {{ input }}");
        body.put("prompt_version", "v3");
        body.put("temperature", 0.7);
        body.put("max_tokens", 4096);
        body.put("context_window", 128000);
        body.put("input_token_limit", 8000);
        body.put("token_budget", 50000);
        body.put("timeout_seconds", 60);
        body.put("max_retries", 4);
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
