package dev.flywheel.gateway.ui.agents;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.flywheel.gateway.GatewayTestSupport.fake;
import static dev.flywheel.gateway.ui.UiSupport.form;
import static dev.flywheel.gateway.ui.UiSupport.signedIn;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.flywheel.gateway.FakeServices;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(FakeServices.class)
class AgentPagesTest {

    private final String agentId = UUID.randomUUID().toString();
    private final String variantId = UUID.randomUUID().toString();
    private WireMock variants;

    @BeforeEach
    void resetVariantService() {
        variants = fake("variant");
        variants.resetMappings();
        variants.resetRequests();
    }

    private String agentJson(String name) {
        return "{\"id\":\"" + agentId + "\",\"name\":\"" + name + "\",\"slug\":\"support-bot\",\"description\":null,"
                + "\"source\":\"user\",\"model_provider\":\"ollama\",\"model_name\":\"llama3\",\"system_prompt\":\"Be brief\","
                + "\"user_prompt_template\":\"\",\"prompt_version\":\"\",\"temperature\":0.2,\"max_tokens\":512,"
                + "\"context_window\":0,\"input_token_limit\":0,\"token_budget\":0,\"timeout_seconds\":120,\"max_retries\":2,"
                + "\"created_at\":\"2026-11-29T12:00:00Z\",\"updated_at\":\"2026-11-29T12:00:00Z\"}";
    }

    private String variantJson(String name, boolean active) {
        return "{\"id\":\"" + variantId + "\",\"agent_id\":\"" + agentId + "\",\"variant_name\":\"" + name
                + "\",\"variant_slug\":\"fast\",\"is_active\":" + active + ",\"model_provider\":\"ollama\","
                + "\"model_name\":\"llama3\",\"temperature\":0.9,\"max_tokens\":256}";
    }

    private void stubAgentWithVariant(String agentName, String variantName, boolean active) {
        variants.register(get(urlPathEqualTo("/api/agents/" + agentId)).willReturn(okJson(agentJson(agentName))));
        variants.register(get(urlPathEqualTo("/api/agents/" + agentId + "/variants")).willReturn(okJson(
                "{\"items\":[" + variantJson(variantName, active) + "],\"next_cursor\":null}")));
    }

    @Test
    void theListShowsAgentsFromVariantServiceWithNamesEscaped() {
        variants.register(get(urlPathEqualTo("/api/agents")).willReturn(okJson(
                "{\"items\":[" + agentJson("<script>alert(1)</script>") + "],\"next_cursor\":\"c2\"}")));

        signedIn().get("/ui/agents")
                .then().statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .body(containsString("&lt;script&gt;alert(1)&lt;/script&gt;"),
                        not(containsString("<script>alert(1)")),
                        containsString("href=\"/ui/agents/" + agentId + "\""),
                        containsString("/ui/agents?cursor=c2"),
                        // resolved-config is not stubbed (404): the base model is shown
                        containsString("<code>ollama:llama3</code>"));
    }

    @Test
    void theListShowsTheModelOfTheActiveVariant() {
        variants.register(get(urlPathEqualTo("/api/agents")).willReturn(okJson(
                "{\"items\":[" + agentJson("Support bot") + "],\"next_cursor\":null}")));
        variants.register(get(urlPathEqualTo("/api/agents/" + agentId + "/resolved-config")).willReturn(okJson(
                "{\"agent_id\":\"" + agentId + "\",\"variant_id\":\"" + variantId + "\",\"model_provider\":\"openai\","
                        + "\"model_name\":\"gpt-4o-mini\"}")));

        signedIn().get("/ui/agents")
                .then().statusCode(200)
                .body(containsString("<code>openai:gpt-4o-mini</code> <span class=\"badge badge-true\">variant</span>"),
                        not(containsString("ollama:llama3")));
    }

    @Test
    void theAgentPageListsVariantsWithTheirActions() {
        stubAgentWithVariant("Support bot", "Fast <b>one</b>", false);

        signedIn().get("/ui/agents/" + agentId)
                .then().statusCode(200)
                .body(containsString("id=\"agent-name\">Support bot"),
                        containsString("Fast &lt;b&gt;one&lt;/b&gt;"),
                        containsString("class=\"activate\""),
                        containsString("class=\"delete\""),
                        containsString("class=\"deactivate\""),
                        containsString("action=\"/ui/agents/" + agentId + "/variants/" + variantId + "/activate\""),
                        containsString("name=\"variant_ids\" value=\"" + variantId + "\""),
                        containsString("name=\"csrf_token\""));
    }

    @Test
    void anActiveVariantOffersDeactivateInsteadOfActivate() {
        stubAgentWithVariant("Support bot", "Fast", true);

        signedIn().get("/ui/agents/" + agentId)
                .then().statusCode(200)
                .body(containsString("is-active"), not(containsString("class=\"activate\"")));
    }

    @Test
    void creatingAnAgentSendsTheApiFieldsAndGoesToTheNewAgent() {
        variants.register(post(urlPathEqualTo("/api/agents")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(agentJson("Support bot"))));

        form().formParam("name", "Support bot").formParam("slug", "").formParam("model_provider", "ollama")
                .formParam("model_name", "llama3").formParam("temperature", "0.2").formParam("max_tokens", "512")
                .formParam("system_prompt", "")
                .post("/ui/agents")
                .then().statusCode(303).header("Location", endsWith("/ui/agents/" + agentId + "?done=created"));

        variants.verifyThat(postRequestedFor(urlPathEqualTo("/api/agents")).withRequestBody(equalToJson(
                "{\"name\":\"Support bot\",\"model_provider\":\"ollama\",\"model_name\":\"llama3\",\"temperature\":0.2,"
                        + "\"max_tokens\":512}"))
                .withHeader("X-Actor", matching("api-key:[0-9a-f]{12}")));
    }

    @Test
    void aRefusedFormShowsEachErrorNextToItsFieldAndKeepsWhatWasTyped() {
        variants.register(post(urlPathEqualTo("/api/agents")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":400,\"title\":\"Bad Request\",\"detail\":\"Invalid fields: model_name, temperature\","
                        + "\"errors\":[{\"field\":\"model_name\",\"message\":\"must not be null\"},"
                        + "{\"field\":\"temperature\",\"message\":\"must be less than or equal to 2.0\"}]}")));

        form().formParam("name", "Bot <i>x</i>").formParam("temperature", "7")
                .post("/ui/agents")
                .then().statusCode(400)
                .body(containsString("id=\"agent-form\""),
                        // The validator's wording as a person would say it.
                        containsString("id=\"error-model_name\" data-field=\"model_name\">is required"),
                        containsString("id=\"error-temperature\" data-field=\"temperature\">must be at most 2.0"),
                        containsString("id=\"form-errors\" tabindex=\"-1\" autofocus"),
                        containsString("<a href=\"#f-model_name\">"),
                        containsString("value=\"Bot &lt;i&gt;x&lt;/i&gt;\""),
                        containsString("name=\"temperature\" type=\"text\" value=\"7\""));
    }

    @Test
    void aNumberThatDoesNotParseIsShownWithTheServicesOwnErrorsInOneRound() {
        variants.register(post(urlPathEqualTo("/api/agents")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":400,\"errors\":[{\"field\":\"max_tokens\",\"message\":\"must be greater than or equal to 1\"},"
                        + "{\"field\":\"model_name\",\"message\":\"must not be blank\"}]}")));

        form().formParam("name", "Bot").formParam("model_name", " ").formParam("max_tokens", "lots")
                .post("/ui/agents")
                .then().statusCode(400)
                .body(containsString("id=\"error-max_tokens\" data-field=\"max_tokens\">must be a whole number, such as 3</p>"),
                        containsString("id=\"error-model_name\" data-field=\"model_name\">is required"),
                        containsString("There are 2 problems"),
                        containsString("name=\"max_tokens\" type=\"text\" value=\"lots\""));
        // The service was asked once, with a stand-in it refuses where the number could not be read.
        variants.verifyThat(1, postRequestedFor(urlPathEqualTo("/api/agents"))
                .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("-1"))));
    }

    @Test
    void aFormWithoutTheCsrfTokenIsRefusedAndReachesNoService() {
        signedIn().contentType("application/x-www-form-urlencoded").formParam("name", "Bot")
                .post("/ui/agents")
                .then().statusCode(403).contentType(containsString("text/html"))
                .body(containsString("CSRF"));
        signedIn().contentType("application/x-www-form-urlencoded").formParam("csrf_token", "forged")
                .post("/ui/agents/" + agentId + "/delete").then().statusCode(403);
        variants.verifyThat(0, anyRequestedFor(urlPathMatching("/.*")));
    }

    @Test
    void editingAnAgentPrefillsTheFormAndPatchesOnlyWhatTheFormHolds() {
        variants.register(get(urlPathEqualTo("/api/agents/" + agentId)).willReturn(okJson(agentJson("Support bot"))));
        variants.register(patch(urlPathEqualTo("/api/agents/" + agentId)).willReturn(okJson(agentJson("Renamed"))));

        signedIn().get("/ui/agents/" + agentId + "/edit")
                .then().statusCode(200)
                .body(containsString("action=\"/ui/agents/" + agentId + "\""),
                        containsString("name=\"model_name\" type=\"text\" value=\"llama3\""),
                        containsString(">Be brief</textarea>"));

        form().formParam("name", "Renamed").formParam("model_name", "llama3").formParam("system_prompt", "")
                .post("/ui/agents/" + agentId)
                .then().statusCode(303).header("Location", endsWith("/ui/agents/" + agentId + "?done=updated"));
        variants.verifyThat(patchRequestedFor(urlPathEqualTo("/api/agents/" + agentId)).withRequestBody(equalToJson(
                "{\"name\":\"Renamed\",\"model_name\":\"llama3\",\"system_prompt\":\"\"}")));
    }

    @Test
    void deletingASystemAgentShowsTheServicesConflictOnTheConfirmationPage() {
        variants.register(get(urlPathEqualTo("/api/agents/" + agentId)).willReturn(okJson(agentJson("Default"))));
        variants.register(delete(urlPathEqualTo("/api/agents/" + agentId)).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":409,\"detail\":\"system agents cannot be deleted\"}")));

        form().post("/ui/agents/" + agentId + "/delete")
                .then().statusCode(409).contentType(containsString("text/html"))
                .body(containsString("id=\"delete-refused\""), containsString("system agents cannot be deleted"),
                        containsString("id=\"cancel-delete\""), not(containsString("id=\"confirm-delete\"")));
    }

    @Test
    void aSystemAgentOffersNoDeleteAndAUserAgentAsksBeforeDeleting() {
        variants.register(get(urlPathEqualTo("/api/agents/" + agentId)).willReturn(okJson(
                agentJson("Default").replace("\"source\":\"user\"", "\"source\":\"system\""))));
        variants.register(get(urlPathEqualTo("/api/agents/" + agentId + "/variants")).willReturn(okJson(
                "{\"items\":[],\"next_cursor\":null}")));

        signedIn().get("/ui/agents/" + agentId).then().statusCode(200)
                .body(containsString("id=\"system-agent-note\""), not(containsString("id=\"delete-agent\"")));

        variants.register(get(urlPathEqualTo("/api/agents/" + agentId)).willReturn(okJson(agentJson("Mine"))));
        signedIn().get("/ui/agents/" + agentId).then().statusCode(200)
                .body(containsString("href=\"/ui/agents/" + agentId + "/delete\" class=\"button delete\" id=\"delete-agent\""));
        signedIn().get("/ui/agents/" + agentId + "/delete").then().statusCode(200)
                .body(containsString("Delete agent “Mine”?"), containsString("id=\"confirm-delete\""));
        variants.verifyThat(0, deleteRequestedFor(urlPathMatching(".*")));
    }

    @Test
    void aTakenSlugKeepsWhatWasTypedAndSaysWhy() {
        variants.register(post(urlPathEqualTo("/api/agents")).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":409,\"detail\":\"an agent with slug support-bot already exists\"}")));

        form().formParam("name", "Support bot").formParam("model_name", "llama3").formParam("system_prompt", "kept")
                .post("/ui/agents")
                .then().statusCode(409)
                .body(containsString("id=\"agent-form\""), containsString("an agent with slug support-bot already exists"),
                        containsString(">kept</textarea>"), containsString("name=\"name\" type=\"text\" value=\"Support bot\""));
    }

    @Test
    void deletingAnAgentGoesBackToTheList() {
        variants.register(delete(urlPathEqualTo("/api/agents/" + agentId)).willReturn(aResponse().withStatus(204)));

        form().post("/ui/agents/" + agentId + "/delete")
                .then().statusCode(303).header("Location", endsWith("/ui/agents?done=deleted"));
        variants.verifyThat(deleteRequestedFor(urlPathEqualTo("/api/agents/" + agentId)));
    }

    @Test
    void anUnknownAgentIsA404Page() {
        variants.register(get(urlPathMatching("/api/agents/" + agentId + ".*")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":404,\"detail\":\"agent " + agentId + " does not exist\"}")));

        signedIn().get("/ui/agents/" + agentId)
                .then().statusCode(404).contentType(containsString("text/html"))
                .body(containsString("There is nothing here"), not(containsString("variant-service")));
    }

    @Test
    void anIdThatIsNotAnIdNeverReachesAService() {
        signedIn().get("/ui/agents/..%2F..%2Fapi%2Fruns").then().statusCode(404);
        variants.verifyThat(0, anyRequestedFor(urlPathMatching("/.*")));
    }

    @Test
    void thePagesRequestIdGoesToTheService() {
        variants.register(get(urlPathEqualTo("/api/agents")).willReturn(okJson("{\"items\":[],\"next_cursor\":null}")));

        signedIn().header("X-Request-Id", "ui-req-42").get("/ui/agents").then().statusCode(200)
                .body(containsString("id=\"no-agents\""));
        variants.verifyThat(getRequestedFor(urlPathEqualTo("/api/agents")).withHeader("X-Request-Id", equalTo("ui-req-42")));
    }

    @Test
    void theComparisonViewChartsRatesLatencyAndTokensWithLegendsAndDiffsTheConfigs() {
        variants.register(get(urlEqualTo("/api/agents/" + agentId + "/compare?variant_ids=" + variantId)).willReturn(okJson(
                "{\"agent_id\":\"" + agentId + "\",\"since\":null,\"items\":["
                        + "{\"variant_id\":null,\"variant_name\":\"base\",\"runs\":4,\"success_rate\":0.5,"
                        + "\"latency_ms\":{\"mean\":100.0,\"p50\":90.0,\"p95\":180.0},\"tokens_in\":40,\"tokens_out\":80,\"mean_score\":0.25},"
                        + "{\"variant_id\":\"" + variantId + "\",\"variant_name\":\"Fast <x>\",\"runs\":2,\"success_rate\":1.0,"
                        + "\"latency_ms\":{\"mean\":50.0,\"p50\":50.0,\"p95\":60.0},\"tokens_in\":20,\"tokens_out\":30,\"mean_score\":null}]}")));
        stubAgentWithVariant("Support bot", "Fast <x>", true);

        signedIn().queryParam("variant_ids", variantId).get("/ui/agents/" + agentId + "/compare")
                .then().statusCode(200)
                .body(containsString("<svg class=\"chart\" id=\"compare-chart\""),
                        containsString("id=\"latency-chart\""), containsString("id=\"tokens-chart\""),
                        containsString("<li class=\"success\">Success rate</li><li class=\"score\">Mean score</li>"),
                        containsString(">success 50 %</text>"), containsString(">score no runs</text>"),
                        containsString(">100 %</text>"), containsString(">p95 180 ms</text>"),
                        containsString("Fast &lt;x&gt;"),
                        containsString("100 ms / 90 ms / 180 ms"),
                        containsString("class=\"diff-row diff-changed\" data-field=\"temperature\""),
                        containsString("class=\"diff-row\" data-field=\"model_name\""));
    }

    @Test
    void theAuditHistoryNamesTheVariantAndShowsOnlyWhatChanged() {
        variants.register(get(urlPathEqualTo("/api/agents/" + agentId + "/audit")).willReturn(okJson(
                "{\"items\":[{\"id\":\"a1\",\"agent_id\":\"" + agentId + "\",\"variant_id\":\"" + variantId + "\","
                        + "\"action\":\"activate\",\"actor\":\"ui\",\"created_at\":\"2026-11-21T10:00:00Z\","
                        + "\"before\":{\"is_active\":false,\"temperature\":0.2,\"updated_at\":\"x\"},"
                        + "\"after\":{\"is_active\":true,\"temperature\":0.2,\"updated_at\":\"y\"}}],\"next_cursor\":null}")));
        stubAgentWithVariant("Support bot", "Fast", true);

        signedIn().get("/ui/agents/" + agentId + "/audit")
                .then().statusCode(200)
                .body(containsString("class=\"audit-row\""), containsString("activate variant Fast"),
                        containsString("<code>is_active</code>: false → true"),
                        not(containsString("<code>temperature</code>")), not(containsString("<code>updated_at</code>")),
                        not(containsString(variantId + "</td>")));
    }

    @Test
    void variantServiceDownIsABadGatewayPageNamingIt() {
        variants.register(get(urlPathEqualTo("/api/agents")).willReturn(aResponse()
                .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));

        signedIn().get("/ui/agents")
                .then().statusCode(502).contentType(containsString("text/html"))
                .body(containsString("The agents service (variant-service) is not answering right now"));
    }

    @Test
    void theNewAgentFormHasTheApiFieldNames() {
        signedIn().get("/ui/agents/new")
                .then().statusCode(200)
                .body(containsString("id=\"agent-form\""), containsString("name=\"name\""), containsString("name=\"slug\""),
                        containsString("name=\"model_name\""), containsString("name=\"max_retries\""),
                        containsString("name=\"model_provider\" type=\"text\" value=\"ollama\""));
    }
}
