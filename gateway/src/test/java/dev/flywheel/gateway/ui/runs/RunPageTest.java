package dev.flywheel.gateway.ui.runs;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.flywheel.gateway.GatewayTestSupport.fake;
import static dev.flywheel.gateway.ui.UiSupport.signedIn;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
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
class RunPageTest {

    private final String runId = UUID.randomUUID().toString();
    private WireMock runs;

    @BeforeEach
    void resetRunService() {
        runs = fake("run");
        runs.resetMappings();
    }

    private void stubRun(String status) {
        runs.register(get(urlPathEqualTo("/api/runs/" + runId)).willReturn(okJson("{\"id\":\"" + runId + "\","
                + "\"experiment_id\":\"e1\",\"status\":\"" + status + "\",\"config\":{\"input_data\":\"hi\"},"
                + "\"agent_id\":\"a-1\",\"variant_id\":\"v-1\",\"model\":\"echo:any\",\"overridden_fields\":[\"prompt\"],"
                + "\"created_at\":\"2026-11-29T12:36:56.195306042Z\",\"tokens_in\":4,\"tokens_out\":6,\"duration_ms\":9,\"error\":null,\"mean_score\":1.0,"
                + "\"stages\":[{\"stage_index\":0,\"prompt_sent\":\"Say <script>hi</script>\",\"response_raw\":\"Say hi\","
                + "\"model_used\":\"echo:any\",\"tokens_in\":2,\"tokens_out\":3,\"latency_ms\":1,\"cached\":false},"
                + "{\"stage_index\":1,\"prompt_sent\":\"Quote: Say hi\",\"response_raw\":\"Quote: Say hi\","
                + "\"model_used\":\"echo:any\",\"tokens_in\":2,\"tokens_out\":3,\"latency_ms\":1,\"cached\":true}],"
                + "\"scores\":[{\"scorer_name\":\"contains\",\"value\":1.0}],"
                + "\"scorer_errors\":[{\"scorer_name\":\"regex\",\"error\":\"bad pattern <(>\"}]}")));
    }

    @Test
    void aFinishedRunShowsStagesScoresAndScorerErrorsWithoutLiveUpdates() {
        stubRun("completed");

        signedIn().get("/ui/runs/" + runId)
                .then().statusCode(200)
                .body(containsString("id=\"run-status\">completed"),
                        containsString("Say &lt;script&gt;hi&lt;/script&gt;"),
                        containsString("class=\"prompt-sent\">Quote: Say hi"),
                        containsString("class=\"response-raw\">Quote: Say hi"),
                        containsString("stage-cached"), containsString("stage-fresh"),
                        containsString("<td data-label=\"Scorer\">contains</td><td data-label=\"Score\" class=\"num\">1.00</td>"),
                        containsString("bad pattern &lt;(&gt;"),
                        containsString("href=\"/ui/agents/a-1/variants/v-1\" id=\"run-variant\""),
                        containsString("<h3>Stage 1 of 2 · <code>echo:any</code>"),
                        containsString("<h3>Stage 2 of 2 · "),
                        containsString("id=\"run-overrides\">This run set its own prompt"),
                        containsString("title=\"2026-11-29 12:36:56 UTC\""),
                        not(containsString("run-progress.js")));
    }

    @Test
    void aRunningRunFollowsItsEventsFromAStaticScript() {
        stubRun("running");

        signedIn().get("/ui/runs/" + runId)
                .then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .body(containsString("<script src=\"/static/run-progress.js\" defer></script>"),
                        containsString("data-events=\"/api/runs/" + runId + "/events\""));
        given().get("/static/run-progress.js").then().statusCode(200).body(containsString("EventSource"));
    }

    @Test
    void theLiveEventsAreReachableWithTheSignInCookie() {
        runs.register(get(urlPathEqualTo("/api/runs/" + runId + "/events")).willReturn(okJson("{}")
                .withHeader("Content-Type", "text/event-stream").withBody("data: {\"type\":\"run.completed\"}\n\n")));

        signedIn().get("/api/runs/" + runId + "/events")
                .then().statusCode(200).body(containsString("run.completed"));
    }

    @Test
    void twoPickedRunsAreShownSideBySideWithTheirConfigDifferences() {
        stubRun("completed");
        String other = UUID.randomUUID().toString();
        runs.register(get(urlPathEqualTo("/api/runs/" + other)).willReturn(okJson("{\"id\":\"" + other + "\","
                + "\"experiment_id\":\"e1\",\"status\":\"failed\",\"config\":{\"input_data\":\"hello <b>\",\"cache\":true},"
                + "\"model\":\"openai:gpt-4o-mini\",\"created_at\":\"2026-11-29T12:37:00Z\",\"tokens_in\":1,\"tokens_out\":2,"
                + "\"duration_ms\":1500,\"mean_score\":0.25,\"stages\":[{\"stage_index\":0,\"prompt_sent\":\"Say hello\","
                + "\"response_raw\":\"Other answer\",\"model_used\":\"openai:gpt-4o-mini\",\"tokens_in\":1,\"tokens_out\":2,"
                + "\"latency_ms\":1500,\"cached\":false}]}")));

        signedIn().queryParam("run", runId).queryParam("run", other).queryParam("experiment_id", "e1")
                .get("/ui/runs/compare")
                .then().statusCode(200)
                .body(containsString("<tr class=\"compared-run\" data-run-id=\"" + runId + "\">"),
                        containsString("<tr class=\"compared-run\" data-run-id=\"" + other + "\">"),
                        containsString("<div class=\"side-by-side stage-pair\" data-stage=\"1\">"),
                        containsString("<pre class=\"response-raw\">Say hi</pre>"),
                        containsString("<pre class=\"response-raw\">Other answer</pre>"),
                        // The first run has a second stage, the other does not.
                        containsString("<h3>Stage 2 of 2</h3>"), containsString("No such stage in this run."),
                        containsString("<tr class=\"diff-changed\" data-field=\"input_data\">"),
                        containsString("hello &lt;b&gt;"),
                        containsString("<tr class=\"diff-changed\" data-field=\"cache\">"),
                        containsString("href=\"/ui/experiments/e1\" id=\"back-to-experiment\""),
                        not(containsString("<script>hi")));
    }

    @Test
    void comparingOtherThanTwoRunsSaysHowToPickThem() {
        runs.resetRequests();
        signedIn().queryParam("run", runId).queryParam("experiment_id", "e1").get("/ui/runs/compare")
                .then().statusCode(400)
                .body(containsString("id=\"compare-error\" tabindex=\"-1\" autofocus"),
                        containsString("Pick exactly two runs to compare; 1 was picked."),
                        containsString("href=\"/ui/experiments/e1\""));
        signedIn().get("/ui/runs/compare").then().statusCode(400)
                .body(containsString("No run was picked: pick two runs to compare."));
        runs.verifyThat(0, anyRequestedFor(urlPathMatching("/.*")));
    }
}
