package dev.flywheel.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole suite through the gateway, as a new user would drive it: an agent and a variant, activated; an
 * agent-linked two-stage run that completes with the variant's model (its own templates keep it out of the variant's
 * metrics) and a plain agent-linked run that counts;
 * an incident verified with http_health against a service's readiness; and the self-test panel all green.
 */
@ExtendWith(Suite.class)
class SuiteFlowIT {

    @BeforeAll
    static void pointAtTheGateway() {
        RestAssured.baseURI = Suite.get().gatewayUrl();
        RestAssured.port = Suite.get().port("gateway");
    }

    private static RequestSpecification api() {
        return given().header("Authorization", "Bearer " + Suite.API_KEY).contentType(ContentType.JSON);
    }

    @Test
    void anAgentLinkedRunUsesTheActiveVariantAndFeedsItsMetrics() {
        String name = "e2e-agent-" + UUID.randomUUID().toString().substring(0, 8);
        String agentId = api().body(Map.of("name", name, "model_provider", "echo", "model_name", "base-model",
                        "system_prompt", "You are the base agent."))
                .post("/api/agents").then().statusCode(201).extract().path("id");
        String variantId = api().body(Map.of("variant_name", "Fast", "model_name", "fast-model",
                        "system_prompt", "You are the fast variant."))
                .post("/api/agents/{id}/variants", agentId).then().statusCode(201)
                .body("variant_slug", is("fast")).extract().path("id");
        api().post("/api/agents/{id}/variants/{vid}/activate", agentId, variantId).then().statusCode(200);
        api().get("/api/agents/{id}/resolved-config", agentId).then().statusCode(200)
                .body("variant_id", is(variantId)).body("model_name", is("fast-model"));

        String experimentId = api().body(Map.of("name", "e2e experiment")).post("/api/experiments")
                .then().statusCode(201).extract().path("id");
        String marker = "marker-" + UUID.randomUUID();
        String runId = api().body(Map.of("agent_id", agentId, "input_data", marker, "cache", false,
                        "pipeline_stages", List.of(Map.of("prompt_template", "Plan for {{ input }}"),
                                Map.of("prompt_template", "Quote: {{ prev_output }}"))))
                .post("/api/experiments/{id}/runs", experimentId).then().statusCode(202)
                .body("status", is("pending")).extract().path("id");

        JsonPath run = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> api().get("/api/runs/{id}", runId).then().statusCode(200).extract().jsonPath(),
                        r -> List.of("completed", "failed").contains(r.getString("status")));
        assertThat(run.getString("status")).as("run error: %s", run.getString("error")).isEqualTo("completed");
        assertThat(run.getString("variant_id")).isEqualTo(variantId);
        assertThat(run.getList("stages")).hasSize(2);
        assertThat(run.getString("stages[0].model_used")).contains("fast-model");
        assertThat(run.getString("stages[1].response_raw")).contains(marker);
        // Its own stage templates: recorded as overriding the agent, so the variant's metrics leave it out (SPEC §10).
        assertThat(run.getList("overridden_fields")).containsExactly("pipeline_stages[0].prompt_template",
                "pipeline_stages[1].prompt_template");

        String plainId = api().body(Map.of("agent_id", agentId, "input_data", marker, "cache", false))
                .post("/api/experiments/{id}/runs", experimentId).then().statusCode(202).extract().path("id");
        JsonPath plain = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> api().get("/api/runs/{id}", plainId).then().statusCode(200).extract().jsonPath(),
                        r -> List.of("completed", "failed").contains(r.getString("status")));
        assertThat(plain.getString("status")).isEqualTo("completed");
        assertThat(plain.getList("overridden_fields")).isEmpty();
        assertThat(plain.getString("model")).isEqualTo("echo:fast-model");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                api().get("/api/agents/{id}/variants/{vid}/history", agentId, variantId)
                        .then().statusCode(200).body("items", hasSize(2)));
        api().get("/api/agents/{id}/variants/{vid}/metrics", agentId, variantId)
                .then().statusCode(200).body("runs", is(1)).body("success_rate", is(1.0f));
        api().get("/api/agents/{id}/variants/{vid}/history", agentId, variantId).then()
                .body("items.find { it.run_id == '%s' }.counted".formatted(runId), is(false))
                .body("items.find { it.run_id == '%s' }.counted".formatted(plainId), is(true));
    }

    @Test
    void anIncidentIsVerifiedWithHttpHealthAgainstAServicesReadiness() {
        String incident = "e2e-incident-" + UUID.randomUUID();
        String readiness = Suite.get().url("variant-service") + "/q/health/ready";
        Map<String, Object> body = Map.of(
                "incident", Map.of("incident_id", incident,
                        "signals", List.of(Map.of("labels", Map.of("alertname", "ServiceDown", "health_url", readiness)))),
                "action_taken", "kubectl rollout restart deployment/variant-service",
                "warmup_sec", 0);

        api().body(body).post("/api/verifications?wait=true").then().statusCode(200)
                .body("status", is("done"))
                .body("result", is("success"))
                .body("tools_used", org.hamcrest.Matchers.hasItem("http_health"));
        api().get("/api/incidents/{id}/evidence", incident).then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].verification_result", is("success"));
    }

    /**
     * Every probe must pass: a capability stays green after one failure (SPEC §7), so the overall status alone
     * would hide a probe that failed; each result, each capability's failure count and each row of the panel is
     * checked.
     */
    @Test
    void theSelfTestPanelIsAllGreenAfterARunOfEveryCapability() {
        JsonPath results = api().post("/api/selftest/run-all").then().statusCode(200).extract().jsonPath();
        assertThat(results.getList("results")).hasSize(6);
        assertThat(results.getList("results.success", Boolean.class))
                .as("probe results: %s", results.getList("results.details")).containsOnly(true);

        given().get("/health/loop-qa").then().statusCode(200)
                .body("overall_status", is("green"))
                .body("capabilities", hasSize(6))
                .body("capabilities.status", everyItem(is("green")))
                .body("capabilities.consecutive_failures", everyItem(is(0)));
        String panel = given().get("/health/loop-qa/partial").then().statusCode(200)
                .contentType(startsWith("text/html")).extract().asString();
        assertThat(panel.split("class=\"capability-row\"", -1)).hasSize(7);
        assertThat(panel).doesNotContain("badge-red").doesNotContain("badge-yellow");
        assertThat(panel.split("<td><span class=\"badge badge-green\">green</span></td>", -1)).hasSize(7);
    }

    @Test
    void theGatewayReportsEveryServiceReadyAndRefusesCallsWithoutAKey() {
        api().get("/api/status").then().statusCode(200)
                .body("status", is("UP"))
                .body("services.status", org.hamcrest.Matchers.everyItem(is("UP")));
        given().get("/api/agents").then().statusCode(401).contentType(startsWith("application/problem+json"));
    }
}
