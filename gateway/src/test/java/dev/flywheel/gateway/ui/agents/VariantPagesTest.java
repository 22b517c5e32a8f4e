package dev.flywheel.gateway.ui.agents;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.flywheel.gateway.GatewayTestSupport.fake;
import static dev.flywheel.gateway.ui.UiSupport.form;
import static dev.flywheel.gateway.ui.UiSupport.signedIn;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.flywheel.gateway.FakeServices;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(FakeServices.class)
class VariantPagesTest {

    private final String agentId = UUID.randomUUID().toString();
    private final String variantId = UUID.randomUUID().toString();
    private final String base = "/api/agents/" + agentId + "/variants";
    private WireMock variants;

    @BeforeEach
    void resetVariantService() {
        variants = fake("variant");
        variants.resetMappings();
        variants.resetRequests();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created() {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{\"id\":\"v\"}");
    }

    @Test
    void theVariantFormHasItsIdAndTheApiFieldNames() {
        signedIn().get("/ui/agents/" + agentId + "/variants/new")
                .then().statusCode(200)
                .body(containsString("id=\"variant-form\""), containsString("name=\"variant_name\""),
                        containsString("name=\"variant_slug\""), containsString("name=\"model_name\""),
                        containsString("action=\"/ui/agents/" + agentId + "/variants\""));
    }

    @Test
    void creatingAVariantLeavesEmptyConfigFieldsToTheAgentsBaseConfig() {
        variants.register(post(urlPathEqualTo(base)).willReturn(created()));

        form().formParam("variant_name", "Fast").formParam("variant_slug", "").formParam("model_name", "")
                .formParam("temperature", "0.9").formParam("system_prompt", "")
                .post("/ui/agents/" + agentId + "/variants")
                .then().statusCode(303).header("Location", endsWith("/ui/agents/" + agentId + "?done=created"));
        variants.verifyThat(postRequestedFor(urlPathEqualTo(base))
                .withRequestBody(equalToJson("{\"variant_name\":\"Fast\",\"temperature\":0.9}")));
    }

    @Test
    void aVariantNameClashIsShownOnTheForm() {
        variants.register(post(urlPathEqualTo(base)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":400,\"detail\":\"Invalid fields: variant_name\",\"errors\":["
                        + "{\"field\":\"variant_name\",\"message\":\"has no ASCII letter or digit to make a slug from\"}]}")));

        form().formParam("variant_name", "¿¿").post("/ui/agents/" + agentId + "/variants")
                .then().statusCode(400)
                .body(containsString("id=\"variant-form\""),
                        containsString("data-field=\"variant_name\">has no ASCII letter or digit to make a slug from"),
                        containsString("value=\"¿¿\""));
    }

    @Test
    void editingAVariantPatchesIt() {
        variants.register(get(urlPathEqualTo(base + "/" + variantId)).willReturn(okJson(
                "{\"id\":\"" + variantId + "\",\"variant_name\":\"Fast\",\"variant_slug\":\"fast\",\"max_tokens\":256}")));
        variants.register(patch(urlPathEqualTo(base + "/" + variantId)).willReturn(okJson("{}")));

        signedIn().get("/ui/agents/" + agentId + "/variants/" + variantId + "/edit")
                .then().statusCode(200)
                .body(containsString("action=\"/ui/agents/" + agentId + "/variants/" + variantId + "\""),
                        containsString("name=\"max_tokens\" type=\"text\" value=\"256\""));

        form().formParam("variant_name", "Faster").formParam("max_tokens", "128")
                .post("/ui/agents/" + agentId + "/variants/" + variantId)
                .then().statusCode(303);
        variants.verifyThat(patchRequestedFor(urlPathEqualTo(base + "/" + variantId))
                .withRequestBody(equalToJson("{\"variant_name\":\"Faster\",\"max_tokens\":128}")));
    }

    @Test
    void aStaleEditIsShownNotApplied() {
        variants.register(get(urlPathEqualTo(base + "/" + variantId)).willReturn(okJson(
                "{\"id\":\"" + variantId + "\",\"variant_name\":\"Fast\"}").withHeader("ETag", "\"v1\"")));
        variants.register(patch(urlPathEqualTo(base + "/" + variantId)).willReturn(aResponse().withStatus(412)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":412,\"title\":\"Precondition Failed\","
                        + "\"detail\":\"The resource changed since it was read\"}")));

        signedIn().get("/ui/agents/" + agentId + "/variants/" + variantId + "/edit")
                .then().statusCode(200)
                .body(containsString("name=\"version\" value=\"&quot;v1&quot;\""));

        form().formParam("variant_name", "Faster").formParam("version", "\"v1\"")
                .post("/ui/agents/" + agentId + "/variants/" + variantId)
                .then().statusCode(412).body(containsString("The resource changed since it was read"));
        variants.verifyThat(patchRequestedFor(urlPathEqualTo(base + "/" + variantId))
                .withHeader("If-Match", equalTo("\"v1\"")));
    }

    @Test
    void activateDeactivateAndDeleteCallTheirEndpoints() {
        variants.register(post(urlPathMatching(base + "/.*")).willReturn(okJson("{}")));
        variants.register(delete(urlPathEqualTo(base + "/" + variantId)).willReturn(aResponse().withStatus(204)));

        form().post("/ui/agents/" + agentId + "/variants/" + variantId + "/activate")
                .then().statusCode(303).header("Location", endsWith("/ui/agents/" + agentId + "?done=activated"));
        form().post("/ui/agents/" + agentId + "/variants/deactivate").then().statusCode(303)
                .header("Location", endsWith("?done=deactivated"));
        form().post("/ui/agents/" + agentId + "/variants/" + variantId + "/delete").then().statusCode(303)
                .header("Location", endsWith("?done=deleted"));

        variants.verifyThat(postRequestedFor(urlPathEqualTo(base + "/" + variantId + "/activate")));
        variants.verifyThat(postRequestedFor(urlPathEqualTo(base + "/deactivate")));
        variants.verifyThat(deleteRequestedFor(urlPathEqualTo(base + "/" + variantId)));
    }

    @Test
    void anActivationConflictIsShownAsSuch() {
        variants.register(post(urlPathEqualTo(base + "/" + variantId + "/activate")).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":409,\"detail\":\"another activation won; try again\"}")));

        form().post("/ui/agents/" + agentId + "/variants/" + variantId + "/activate")
                .then().statusCode(409).body(containsString("another activation won; try again"));
    }

    @Test
    void deletingAVariantAsksFirstOnAPageNamingIt() {
        variants.register(get(urlPathEqualTo(base + "/" + variantId)).willReturn(okJson(
                "{\"id\":\"" + variantId + "\",\"variant_name\":\"Fast <b>\",\"is_active\":true}")));

        signedIn().get("/ui/agents/" + agentId + "/variants/" + variantId + "/delete")
                .then().statusCode(200)
                .body(containsString("Delete variant “Fast &lt;b&gt;”?"), containsString("It is the active variant"),
                        containsString("action=\"/ui/agents/" + agentId + "/variants/" + variantId + "/delete\""),
                        containsString("href=\"/ui/agents/" + agentId + "\" id=\"cancel-delete\""));
        variants.verifyThat(0, deleteRequestedFor(urlPathMatching(".*")));
    }

    @Test
    void aTakenSlugIsShownOnTheFormWithWhatWasTyped() {
        variants.register(post(urlPathEqualTo(base)).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":409,\"detail\":\"the agent already has a variant with slug fast\"}")));

        form().formParam("variant_name", "Fast").formParam("temperature", "0.4")
                .post("/ui/agents/" + agentId + "/variants")
                .then().statusCode(409)
                .body(containsString("id=\"variant-form\""), containsString("the agent already has a variant with slug fast"),
                        containsString("name=\"variant_name\" type=\"text\" value=\"Fast\""),
                        containsString("tabindex=\"-1\" autofocus"));
    }

    @Test
    void theVariantPageChartsItsSeriesAndMarksRunsThatWereNotCounted() {
        String runId = UUID.randomUUID().toString();
        variants.register(get(urlPathEqualTo(base + "/" + variantId)).willReturn(okJson(
                "{\"id\":\"" + variantId + "\",\"variant_name\":\"Fast\",\"variant_slug\":\"fast\",\"is_active\":true,"
                        + "\"model_provider\":\"openai\",\"model_name\":\"gpt-4o-mini\"}")));
        variants.register(get(urlPathEqualTo(base + "/" + variantId + "/metrics")).willReturn(okJson(
                "{\"runs\":2,\"success_rate\":0.5,\"latency_ms\":{\"mean\":150.0,\"p50\":150.0,\"p95\":195.0},"
                        + "\"tokens_in\":2,\"tokens_out\":2,\"mean_score\":0.9166666666666666}")));
        variants.register(get(urlPathEqualTo(base + "/" + variantId + "/metrics/series")).willReturn(okJson(
                "{\"bucket\":\"1h\",\"bucket_seconds\":3600,\"points\":["
                        + "{\"start\":\"2026-11-29T10:00:00Z\",\"runs\":2,\"success_rate\":0.5,"
                        + "\"latency_ms\":{\"p50\":150.0,\"p95\":195.0},\"mean_score\":0.9166666666666666}]}")));
        variants.register(get(urlPathEqualTo(base + "/" + variantId + "/history")).willReturn(okJson(
                "{\"items\":[{\"run_id\":\"" + runId + "\",\"success\":true,\"latency_ms\":5000,\"tokens_in\":1,"
                        + "\"tokens_out\":1,\"score\":0.1,\"recorded_at\":\"2026-11-29T10:30:00Z\","
                        + "\"overridden_fields\":[\"model\",\"prompt\"],\"counted\":false}],\"next_cursor\":null}")));

        signedIn().get("/ui/agents/" + agentId + "/variants/" + variantId)
                .then().statusCode(200)
                .body(containsString("<svg class=\"chart\" id=\"series-chart\""), containsString("id=\"series-legend\""),
                        containsString(">100 %</text>"), containsString(">Nov 29 10:00</text>"),
                        containsString("success 50 % of 2 runs"), containsString(">0.92</dd>"),
                        containsString("class=\"history-row not-counted\""),
                        containsString("no: set its own model, prompt"));
        variants.verifyThat(getRequestedFor(urlPathEqualTo(base + "/" + variantId + "/metrics/series"))
                .withQueryParam("bucket", equalTo("1h")));
    }

    @Test
    void cloningAVariantSendsOnlyTheFilledOverrides() {
        variants.register(post(urlPathEqualTo(base + "/" + variantId + "/clone")).willReturn(created()));

        signedIn().get("/ui/agents/" + agentId + "/variants/" + variantId + "/clone")
                .then().statusCode(200).body(containsString("id=\"clone-form\""));
        form().formParam("variant_name", "Fast copy").formParam("temperature", "1.5").formParam("model_name", "")
                .post("/ui/agents/" + agentId + "/variants/" + variantId + "/clone")
                .then().statusCode(303).header("Location", endsWith("/ui/agents/" + agentId + "?done=cloned"));
        variants.verifyThat(postRequestedFor(urlPathEqualTo(base + "/" + variantId + "/clone")).withRequestBody(
                equalToJson("{\"variant_name\":\"Fast copy\",\"overrides\":{\"temperature\":1.5}}")));
    }

    @Test
    void cloningTheBaseConfigUsesTheAgentsCloneEndpoint() {
        variants.register(post(urlPathEqualTo("/api/agents/" + agentId + "/clone")).willReturn(created()));

        form().formParam("variant_name", "From base")
                .post("/ui/agents/" + agentId + "/variants/base/clone")
                .then().statusCode(303);
        variants.verifyThat(postRequestedFor(urlPathEqualTo("/api/agents/" + agentId + "/clone"))
                .withRequestBody(equalToJson("{\"variant_name\":\"From base\",\"overrides\":{}}")));
    }

    @Test
    void anOverrideErrorFromTheServiceGoesNextToTheOverriddenField() {
        variants.register(post(urlPathEqualTo(base + "/" + variantId + "/clone")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":400,\"detail\":\"Invalid fields\",\"errors\":["
                        + "{\"field\":\"overrides.max_retries\",\"message\":\"must be less than or equal to 10\"}]}")));

        form().formParam("variant_name", "Copy").formParam("max_retries", "99")
                .post("/ui/agents/" + agentId + "/variants/" + variantId + "/clone")
                .then().statusCode(400)
                .body(containsString("id=\"clone-form\""),
                        containsString("data-field=\"max_retries\">must be at most 10"),
                        containsString("name=\"max_retries\" type=\"text\" value=\"99\""));
    }

    @Test
    void variantActionsWithoutTheCsrfTokenReachNoService() {
        signedIn().contentType("application/x-www-form-urlencoded")
                .post("/ui/agents/" + agentId + "/variants/" + variantId + "/activate").then().statusCode(403);
        signedIn().contentType("application/x-www-form-urlencoded")
                .post("/ui/agents/" + agentId + "/variants/deactivate").then().statusCode(403);
        variants.verifyThat(0, anyRequestedFor(urlPathMatching("/.*")));
    }
}
