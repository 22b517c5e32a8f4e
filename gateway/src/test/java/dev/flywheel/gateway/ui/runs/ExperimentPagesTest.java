package dev.flywheel.gateway.ui.runs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
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
                        + "\"metrics\":{\"runs\":3,\"success_rate\":1.0,\"mean_score\":0.75}}")));
        runs.register(get(urlEqualTo("/api/runs?experiment_id=" + experimentId + "&limit=100")).willReturn(okJson(
                "{\"items\":[{\"id\":\"" + runId + "\",\"status\":\"completed\",\"tokens_in\":5,\"tokens_out\":7,"
                        + "\"duration_ms\":12,\"mean_score\":0.75}],\"next_cursor\":null}")));
        runs.register(get(urlPathEqualTo("/api/experiments/" + experimentId + "/leaderboard")).willReturn(okJson(
                "{\"experiment_id\":\"" + experimentId + "\",\"entries\":[{\"rank\":1,\"config_hash\":\"h\","
                        + "\"config\":{\"model\":\"echo:<any>\"},\"runs\":3,\"success_rate\":1.0,\"mean_score\":0.75,"
                        + "\"mean_latency_ms\":12.5,\"tokens_in\":5,\"tokens_out\":7}]}")));
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
                .body(containsString("data-field=\"name\">must not be blank"), containsString(">kept &lt;b&gt;</textarea>"));
    }

    @Test
    void theExperimentPageShowsRunsLeaderboardAndTheLaunchForms() {
        stubExperiment("Prompt A/B");

        signedIn().get("/ui/experiments/" + experimentId)
                .then().statusCode(200)
                .body(containsString("id=\"run-form\""), containsString("id=\"batch-form\""),
                        containsString("data-run-id=\"" + runId + "\""),
                        containsString("class=\"leaderboard-row\""),
                        containsString("echo:&lt;any&gt;"),
                        containsString("name=\"model\" type=\"text\" value=\"echo:any\""));
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
                        + "{\"prompt_template\":\"Quote: {{ prev_output }}\",\"model\":\"echo:any\"}],"
                        + "\"input_data\":\"hello\",\"agent_slug\":\"support-bot\",\"cache\":false}")));
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
                .then().statusCode(303).header("Location", endsWith("/ui/experiments/" + experimentId));
        runs.verifyThat(postRequestedFor(urlPathEqualTo("/api/experiments/" + experimentId + "/runs:batch"))
                .withRequestBody(equalToJson("{\"prompts\":[\"A {{ input }}\",\"B {{ input }}\"],\"models\":[\"echo:any\"],"
                        + "\"inputs\":[\"x\",\"y\"],\"repeat\":1,\"cache\":false}")));
    }

    @Test
    void launchFormsWithoutTheCsrfTokenReachNoService() {
        signedIn().contentType("application/x-www-form-urlencoded").formParam("prompt_template", "a")
                .post("/ui/experiments/" + experimentId + "/runs").then().statusCode(403);
        signedIn().contentType("application/x-www-form-urlencoded").formParam("name", "x")
                .post("/ui/experiments").then().statusCode(403);
        runs.verifyThat(0, anyRequestedFor(urlPathMatching("/.*")));
    }
}
