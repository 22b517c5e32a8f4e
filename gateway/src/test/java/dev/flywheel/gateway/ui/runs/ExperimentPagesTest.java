package dev.flywheel.gateway.ui.runs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.flywheel.gateway.GatewayTestSupport.fake;
import static dev.flywheel.gateway.ui.UiSupport.form;
import static dev.flywheel.gateway.ui.UiSupport.signedIn;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.flywheel.gateway.FakeServices;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(FakeServices.class)
class ExperimentPagesTest {

    private final String experimentId = UUID.randomUUID().toString();
    private final String runId = UUID.randomUUID().toString();
    private WireMock runs;

    @BeforeEach
    void resetRunService() {
        runs = fake("run");
        runs.resetMappings();
        runs.resetRequests();
    }

    private void stubExperiment(String name) {
        runs.register(get(urlPathEqualTo("/api/experiments/" + experimentId)).willReturn(okJson(
                "{\"id\":\"" + experimentId + "\",\"name\":\"" + name + "\",\"description\":null,\"status\":\"active\","
                        + "\"metrics\":{\"runs\":3,\"success_rate\":1.0,\"mean_score\":0.75,\"tokens_in\":15,\"tokens_out\":21,"
                        + "\"latency_ms\":{\"mean\":10.0,\"p50\":9.5,\"p95\":20.25}}}")));
        stubRuns("{\"items\":[{\"id\":\"" + runId + "\",\"status\":\"completed\",\"model\":\"echo:any\","
                + "\"prompt\":\"Say {{ input }}\",\"input\":\"hello\",\"overridden_fields\":[],\"tokens_in\":5,"
                + "\"tokens_out\":7,\"duration_ms\":1234,\"mean_score\":0.9166666666666666,"
                + "\"created_at\":\"2026-11-29T12:36:56.195306042Z\"}],\"next_cursor\":null}", 0, 0);
        runs.register(get(urlPathEqualTo("/api/experiments/" + experimentId + "/leaderboard")).willReturn(okJson(
                "{\"experiment_id\":\"" + experimentId + "\",\"entries\":[{\"rank\":1,\"config_hash\":\"h\","
                        + "\"config\":{\"model\":\"echo:<any>\"},\"runs\":3,\"success_rate\":1.0,\"mean_score\":0.75,"
                        + "\"mean_latency_ms\":12.5,\"tokens_in\":5,\"tokens_out\":7}]}")));
    }

    /** The runs page as shown, and how many runs are pending and running (what the progress counts). */
    private void stubRuns(String page, int pending, int running) {
        runs.register(get(urlPathEqualTo("/api/runs")).atPriority(5).willReturn(okJson(page)));
        runs.register(get(urlPathEqualTo("/api/runs")).withQueryParam("status", equalTo("pending")).atPriority(1)
                .willReturn(okJson(items(pending))));
        runs.register(get(urlPathEqualTo("/api/runs")).withQueryParam("status", equalTo("running")).atPriority(1)
                .willReturn(okJson(items(running))));
    }

    private static String items(int count) {
        StringBuilder items = new StringBuilder("{\"items\":[");
        for (int i = 0; i < count; i++) {
            items.append(i == 0 ? "" : ",").append("{\"id\":\"").append(UUID.randomUUID()).append("\"}");
        }
        return items.append("],\"next_cursor\":null}").toString();
    }

    @Test
    void theListShowsExperimentsAndTheCreateForm() {
        runs.register(get(urlPathEqualTo("/api/experiments")).willReturn(okJson(
                "{\"items\":[{\"id\":\"" + experimentId + "\",\"name\":\"<script>x</script>\",\"status\":\"active\"}],"
                        + "\"next_cursor\":null}")));

        signedIn().get("/ui/experiments")
                .then().statusCode(200)
                .body(containsString("id=\"experiment-form\""), containsString("name=\"name\""),
                        containsString("&lt;script&gt;x&lt;/script&gt;"), not(containsString("<script>x")),
                        containsString("href=\"/ui/experiments/" + experimentId + "\""));
    }

    @Test
    void creatingAnExperimentGoesToIt() {
        runs.register(post(urlPathEqualTo("/api/experiments")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"" + experimentId + "\",\"name\":\"Prompt A/B\"}")));

        form().formParam("name", "Prompt A/B").formParam("description", "")
                .post("/ui/experiments")
                .then().statusCode(303).header("Location", endsWith("/ui/experiments/" + experimentId));
        runs.verifyThat(postRequestedFor(urlPathEqualTo("/api/experiments"))
                .withRequestBody(equalToJson("{\"name\":\"Prompt A/B\"}")));
    }

    @Test
    void aRefusedExperimentShowsTheErrorOnTheForm() {
        runs.register(post(urlPathEqualTo("/api/experiments")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":400,\"errors\":[{\"field\":\"name\",\"message\":\"must not be blank\"}]}")));
        runs.register(get(urlPathEqualTo("/api/experiments")).willReturn(okJson("{\"items\":[],\"next_cursor\":null}")));

        form().formParam("name", " ").formParam("description", "kept <b>")
                .post("/ui/experiments")
                .then().statusCode(400)
                .body(containsString("data-field=\"name\">is required"), containsString(">kept &lt;b&gt;</textarea>"));
    }

    @Test
    void theExperimentPageShowsRunsLeaderboardAndTheLaunchForms() {
        stubExperiment("Prompt A/B");

        signedIn().get("/ui/experiments/" + experimentId)
                .then().statusCode(200)
                .body(containsString("id=\"run-form\""), containsString("id=\"batch-form\""),
                        containsString("data-run-id=\"" + runId + "\""),
                        containsString("class=\"leaderboard-row\""),
                        containsString("<form id=\"compare-form\" method=\"get\" action=\"/ui/runs/compare\">"),
                        containsString("<input type=\"checkbox\" name=\"run\" value=\"" + runId + "\""),
                        containsString("<code>echo:&lt;any&gt;</code>"),
                        // Nothing is pre-filled: an agent-linked run must take the agent's model and template.
                        containsString("name=\"model\" type=\"text\" value=\"\""),
                        containsString("></textarea>"),
                        not(containsString("null")));
    }

    @Test
    void numbersAndTimesAreReadable() {
        stubExperiment("Prompt A/B");

        signedIn().get("/ui/experiments/" + experimentId)
                .then().statusCode(200)
                .body(containsString(">0.92</td>"), containsString(">1.23 s</td>"), containsString(">100 %</dd>"), containsString(">0.75</dd>"),
                        containsString("<time datetime=\"2026-11-29T12:36:56.195306042Z\" title=\"2026-11-29 12:36:56 UTC\">"),
                        containsString(">13 ms</td>"),
                        not(containsString("0.9166666666666666")));
    }

    @Test
    void whileRunsArePendingThePageFollowsTheExperimentStreamFromAStaticScriptAndStopsOnceAllEnded() {
        stubExperiment("Batch");
        stubRuns(items(0), 2, 1);

        signedIn().queryParam("status", "completed").get("/ui/experiments/" + experimentId)
                .then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .body(containsString("<script src=\"/static/experiment-live.js\" defer></script>"),
                        containsString("data-events=\"/api/experiments/" + experimentId + "/events?until=idle\""),
                        containsString("data-refresh=\"/ui/experiments/" + experimentId + "/live?status=completed\""),
                        // Without script, a reload link; nothing polls.
                        containsString("<noscript><p><a href=\"/ui/experiments/" + experimentId + "?status=completed\""),
                        not(containsString("hx-trigger")), not(containsString("<script>")));
        signedIn().get("/ui/experiments/" + experimentId + "/live")
                .then().statusCode(200)
                .body(startsWith("<div id=\"experiment-live\""), not(containsString("<html")),
                        containsString("<progress id=\"experiment-progress\" max=\"3\" value=\"0\" data-percent=\"0\">"),
                        containsString("0 of 3 runs finished · 3 pending or running"));
        given().get("/static/experiment-live.js").then().statusCode(200)
                .body(containsString("EventSource"), containsString("experiment.snapshot"));

        stubRuns(items(0), 0, 0);
        signedIn().get("/ui/experiments/" + experimentId)
                .then().statusCode(200)
                .body(not(containsString("experiment-live.js")), not(containsString("data-events")),
                        not(containsString("noscript")),
                        containsString("<progress id=\"experiment-progress\" max=\"3\" value=\"3\" data-percent=\"100\">"),
                        containsString("3 of 3 runs finished"));
    }

    @Test
    void theExperimentStreamIsReachableWithTheSignInCookie() {
        runs.register(get(urlPathEqualTo("/api/experiments/" + experimentId + "/events"))
                .withQueryParam("until", equalTo("idle")).willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "text/event-stream")
                        .withBody("event: experiment.snapshot\ndata: {\"type\":\"experiment.snapshot\"}\n\n")));

        signedIn().get("/api/experiments/" + experimentId + "/events?until=idle")
                .then().statusCode(200).contentType(startsWith("text/event-stream"))
                .body(containsString("event: experiment.snapshot"));
    }

    @Test
    void aConfigurationWithNoFinishedRunShowsNoSuccessRateRatherThanZero() {
        stubExperiment("Unfinished");
        runs.register(get(urlPathEqualTo("/api/experiments/" + experimentId + "/leaderboard")).atPriority(1).willReturn(okJson(
                "{\"experiment_id\":\"" + experimentId + "\",\"entries\":[{\"rank\":1,\"config_hash\":\"h\","
                        + "\"config\":{\"model\":\"echo:any\"},\"runs\":2,\"success_rate\":null,\"mean_score\":null,"
                        + "\"mean_latency_ms\":null,\"tokens_in\":0,\"tokens_out\":0}]}")));

        signedIn().get("/ui/experiments/" + experimentId)
                .then().statusCode(200)
                .body(containsString("<td data-label=\"Success\" class=\"num\">—</td>"),
                        not(containsString("<td data-label=\"Success\" class=\"num\">0 %</td>")));
    }

    @Test
    void theRunsTableIsSortedAndFilteredByRunService() {
        stubExperiment("Sorted");

        signedIn().queryParam("sort", "score").queryParam("order", "asc").queryParam("status", "completed")
                .get("/ui/experiments/" + experimentId)
                .then().statusCode(200)
                .body(containsString("aria-sort=\"ascending\"><a href=\"/ui/experiments/" + experimentId
                        + "?status=completed&amp;sort=score&amp;order=desc\" id=\"sort-score\""),
                        containsString("id=\"clear-filters\""));
        runs.verifyThat(getRequestedFor(urlPathEqualTo("/api/runs")).withQueryParam("experiment_id", equalTo(experimentId))
                .withQueryParam("sort", equalTo("score")).withQueryParam("order", equalTo("asc"))
                .withQueryParam("status", equalTo("completed")));
    }

    @Test
    void aFilterRunServiceRefusesIsShownAboveTheTable() {
        stubExperiment("Refused filter");
        runs.register(get(urlPathEqualTo("/api/runs")).withQueryParam("min_score", equalTo("7")).atPriority(1)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":400,\"detail\":\"min_score: must be a number from 0 to 1\"}")));

        signedIn().queryParam("min_score", "7").get("/ui/experiments/" + experimentId)
                .then().statusCode(200)
                .body(containsString("id=\"runs-error\">min_score: must be a number from 0 to 1"));
    }

    @Test
    void anAgentRunSendsOnlyWhatWasFilledInSoTheAgentsModelAndTemplateApply() {
        runs.register(post(urlPathEqualTo("/api/experiments/" + experimentId + "/runs")).willReturn(aResponse()
                .withStatus(202).withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"" + runId + "\",\"status\":\"pending\"}")));

        form().formParam("agent_slug", "support-bot").formParam("prompt_template", "").formParam("model", " ")
                .formParam("prompt_template_2", "").formParam("model_2", "").formParam("input_data", "hello")
                .formParam("scorers", "").formParam("cache", "on")
                .post("/ui/experiments/" + experimentId + "/runs")
                .then().statusCode(303).header("Location", endsWith("/ui/runs/" + runId));
        runs.verifyThat(postRequestedFor(urlPathEqualTo("/api/experiments/" + experimentId + "/runs"))
                .withRequestBody(equalToJson("{\"input_data\":\"hello\",\"agent_slug\":\"support-bot\",\"cache\":true}")));
    }

    @Test
    void aOneStageRunSendsItsPromptAndModel() {
        runs.register(post(urlPathEqualTo("/api/experiments/" + experimentId + "/runs")).willReturn(aResponse()
                .withStatus(202).withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"" + runId + "\",\"status\":\"pending\"}")));

        form().formParam("prompt_template", "Say {{ input }}").formParam("model", "openai:gpt-4o-mini")
                .formParam("input_data", "hello")
                .post("/ui/experiments/" + experimentId + "/runs")
                .then().statusCode(303);
        runs.verifyThat(postRequestedFor(urlPathEqualTo("/api/experiments/" + experimentId + "/runs"))
                .withRequestBody(equalToJson("{\"prompt\":\"Say {{ input }}\",\"model\":\"openai:gpt-4o-mini\","
                        + "\"input_data\":\"hello\",\"cache\":false}")));
    }

    @Test
    void launchingATwoStageRunSendsAPipelineAndShowsTheRun() {
        runs.register(post(urlPathEqualTo("/api/experiments/" + experimentId + "/runs")).willReturn(aResponse()
                .withStatus(202).withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"" + runId + "\",\"status\":\"pending\"}")));

        form().formParam("prompt_template", "Say {{ input }}").formParam("model", "echo:any")
                .formParam("prompt_template_2", "Quote: {{ prev_output }}").formParam("model_2", "")
                .formParam("input_data", "hello").formParam("agent_slug", "support-bot")
                .post("/ui/experiments/" + experimentId + "/runs")
                .then().statusCode(303).header("Location", endsWith("/ui/runs/" + runId));
        runs.verifyThat(postRequestedFor(urlPathEqualTo("/api/experiments/" + experimentId + "/runs"))
                .withRequestBody(equalToJson("{\"pipeline_stages\":["
                        + "{\"prompt_template\":\"Say {{ input }}\",\"model\":\"echo:any\"},"
                        + "{\"prompt_template\":\"Quote: {{ prev_output }}\"}],"
                        + "\"input_data\":\"hello\",\"agent_slug\":\"support-bot\",\"cache\":false}")));
    }

    @Test
    void aRunWithoutPromptOrAgentIsRefusedNextToThePromptWithTheSummaryListingIt() {
        stubExperiment("Prompt A/B");
        runs.register(post(urlPathEqualTo("/api/experiments/" + experimentId + "/runs")).willReturn(aResponse()
                .withStatus(400).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":400,\"errors\":[{\"field\":\"prompt\","
                        + "\"message\":\"prompt or pipeline_stages is required (or agent_id / agent_slug)\"}]}")));

        form().formParam("prompt_template", "").formParam("input_data", "kept")
                .post("/ui/experiments/" + experimentId + "/runs")
                .then().statusCode(400)
                .body(containsString("data-field=\"prompt_template\">prompt or pipeline_stages is required"),
                        containsString("id=\"run-form-errors\" tabindex=\"-1\" autofocus"),
                        containsString("<a href=\"#f-prompt_template\">Prompt template: prompt or pipeline_stages"),
                        containsString("<details id=\"run-details\" open>"),
                        containsString(">kept</textarea>"));
    }

    @Test
    void aStageErrorFromRunServiceGoesNextToThatStagesField() {
        stubExperiment("Prompt A/B");
        runs.register(post(urlPathEqualTo("/api/experiments/" + experimentId + "/runs")).willReturn(aResponse()
                .withStatus(400).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":400,\"errors\":[{\"field\":\"pipeline_stages[1].model\","
                        + "\"message\":\"must be provider:model\"}]}")));

        form().formParam("prompt_template", "a").formParam("prompt_template_2", "b").formParam("model_2", "nocolon")
                .formParam("cache", "on")
                .post("/ui/experiments/" + experimentId + "/runs")
                .then().statusCode(400)
                .body(containsString("data-field=\"model_2\">must be provider:model"),
                        containsString("name=\"model_2\" type=\"text\" value=\"nocolon\""),
                        containsString("id=\"f-cache\" checked"));
    }

    @Test
    void scorersThatAreNotJsonAreRefusedBeforeRunServiceIsAsked() {
        stubExperiment("Prompt A/B");

        form().formParam("prompt_template", "a").formParam("scorers", "[{not json")
                .post("/ui/experiments/" + experimentId + "/runs")
                .then().statusCode(400).body(containsString("data-field=\"scorers\">must be valid JSON"));
        runs.verifyThat(0, postRequestedFor(urlPathMatching("/api/experiments/.*/runs")));
    }

    @Test
    void launchingABatchSendsTheMatrix() {
        runs.register(post(urlPathEqualTo("/api/experiments/" + experimentId + "/runs:batch")).willReturn(aResponse()
                .withStatus(202).withHeader("Content-Type", "application/json")
                .withBody("{\"experiment_id\":\"" + experimentId + "\",\"count\":4,\"run_ids\":[]}")));

        form().formParam("prompts", "A {{ input }}\n\nB {{ input }}\n").formParam("models", "echo:any")
                .formParam("inputs", "x\ny").formParam("repeat", "1").formParam("params_grid", "")
                .post("/ui/experiments/" + experimentId + "/batches")
                .then().statusCode(303).header("Location", endsWith("/ui/experiments/" + experimentId + "?done=launched"));
        runs.verifyThat(postRequestedFor(urlPathEqualTo("/api/experiments/" + experimentId + "/runs:batch"))
                .withRequestBody(equalToJson("{\"prompts\":[\"A {{ input }}\",\"B {{ input }}\"],\"models\":[\"echo:any\"],"
                        + "\"inputs\":[\"x\",\"y\"],\"repeat\":1,\"cache\":false}")));
    }

    @Test
    void previewAsksRunServiceToRenderThePromptAndHtmxGetsTheFragmentAlone() {
        runs.register(post(urlPathEqualTo("/api/templates/render")).willReturn(okJson("{\"output\":\"Say <hi>\"}")));

        form().header("HX-Request", "true").formParam("prompt_template", "Say {{ input }}").formParam("input_data", "<hi>")
                .formParam("model", "echo:any")
                .post("/ui/experiments/" + experimentId + "/preview")
                .then().statusCode(200)
                .body(containsString("<div id=\"preview-output\" aria-live=\"polite\">"), not(containsString("<html")),
                        not(containsString("run-form")),
                        containsString("<pre id=\"preview-text\">Say &lt;hi&gt;</pre>"));
        runs.verifyThat(postRequestedFor(urlPathEqualTo("/api/templates/render"))
                .withRequestBody(equalToJson("{\"template\":\"Say {{ input }}\",\"input_data\":\"<hi>\"}")));
        runs.verifyThat(0, postRequestedFor(urlPathMatching("/api/experiments/.*")));
    }

    @Test
    void withoutScriptPreviewShowsTheWholePageWithTheFormAsTypedAndTheTemplatesError() {
        stubExperiment("Prompt A/B");
        runs.register(post(urlPathEqualTo("/api/templates/render")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":400,\"errors\":[{\"field\":\"template\",\"message\":\"line 1: unexpected end of template\"}]}")));

        form().formParam("prompt_template", "Say {{ input").formParam("input_data", "kept")
                .post("/ui/experiments/" + experimentId + "/preview")
                .then().statusCode(200)
                .body(containsString("<details id=\"run-details\" open>"),
                        containsString("id=\"preview-error\">The template cannot be rendered: template: line 1: unexpected end"),
                        containsString(">kept</textarea>"), containsString(">Say {{ input</textarea>"),
                        containsString("id=\"preview-button\" formaction=\"/ui/experiments/" + experimentId + "/preview\""));
    }

    @Test
    void launchFormsWithoutTheCsrfTokenReachNoService() {
        signedIn().contentType("application/x-www-form-urlencoded").formParam("prompt_template", "a")
                .post("/ui/experiments/" + experimentId + "/runs").then().statusCode(403);
        signedIn().contentType("application/x-www-form-urlencoded").formParam("name", "x")
                .post("/ui/experiments").then().statusCode(403);
        signedIn().contentType("application/x-www-form-urlencoded").formParam("prompt_template", "a")
                .post("/ui/experiments/" + experimentId + "/preview").then().statusCode(403);
        runs.verifyThat(0, anyRequestedFor(urlPathMatching("/.*")));
    }
}
