package dev.flywheel.selftest.probe;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.flywheel.common.context.SafeContext;
import dev.flywheel.selftest.capability.Capability;
import dev.flywheel.selftest.support.InjectWireMock;
import dev.flywheel.selftest.support.TestDatabase;
import dev.flywheel.selftest.support.WireMockPeers;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** multistep_planning against a WireMock run-service: success, error, timeout and garbage answers. */
@QuarkusTest
@WithTestResource(value = WireMockPeers.class, scope = TestResourceScope.GLOBAL)
class MultistepPlanningProbeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String EXPERIMENTS = "/api/experiments";

    @InjectWireMock
    WireMockServer runService;
    @Inject
    MultistepPlanningProbe probe;
    @Inject
    TestDatabase database;
    @Inject
    Vertx vertx;
    @Inject
    ObjectMapper mapper;

    private UUID experimentId;
    private UUID runId;

    @BeforeEach
    void freshRunService() {
        runService.resetAll();
        database.reset();
        experimentId = UUID.randomUUID();
        runId = UUID.randomUUID();
        runService.stubFor(post(urlEqualTo(EXPERIMENTS)).willReturn(okJson(
                "{\"id\":\"" + experimentId + "\",\"name\":\"loop-qa self-test\",\"status\":\"active\"}")
                .withStatus(201)));
        runService.stubFor(post(urlEqualTo(runsOf(experimentId)))
                .willReturn(okJson(run("pending", "[]")).withStatus(202)));
        runService.stubFor(get(urlEqualTo("/api/runs/" + runId)).willReturn(okJson(run("running", "[]"))));
    }

    @Test
    @DisplayName("seed test_t2_multistep_planning: the marker made it through both stages")
    void succeedsWhenTheSecondStageQuotesTheMarker() {
        CompletableFuture<ProbeResult> running = start();
        String marker = submittedMarker();
        completeRun("Self-test plan, step 1. Carry this marker forward: " + marker,
                "Self-test plan, step 2. Step 1 said: Self-test plan, step 1. Carry this marker forward: " + marker);

        ProbeResult result = running.join();

        assertThat(result.success()).as(result.details()).isTrue();
        assertThat(result.capability()).isEqualTo(Capability.MULTISTEP_PLANNING);
        assertThat(result.details()).contains(marker).contains(runId.toString());
    }

    @Test
    void submitsATwoStageEchoPipelineWhoseSecondStageQuotesTheFirst() throws Exception {
        CompletableFuture<ProbeResult> running = start();
        submittedMarker();
        completeRun("x", "y");
        running.join();

        JsonNode body = mapper.readTree(runService.findAll(postRequestedFor(urlEqualTo(runsOf(experimentId))))
                .get(0).getBodyAsString());
        JsonNode stages = body.path("pipeline_stages");
        assertThat(stages).hasSize(2);
        assertThat(stages.get(0).path("model").asText()).isEqualTo("echo:any");
        assertThat(stages.get(1).path("prompt_template").asText()).contains("{{ prev_output }}");
        assertThat(stages.get(1).path("prompt_template").asText()).doesNotContain(body.path("input_data").asText());
        assertThat(body.path("cache").asBoolean(true)).isFalse();
    }

    @Test
    void failsWhenTheMarkerDidNotReachTheSecondStage() {
        CompletableFuture<ProbeResult> running = start();
        String marker = submittedMarker();
        completeRun("step 1 " + marker, "Step 1 said: (nothing)");

        ProbeResult result = running.join();

        assertThat(result.success()).isFalse();
        assertThat(result.errorType()).isEqualTo("MarkerMissing");
    }

    @Test
    void failsWhenTheRunFails() {
        runService.stubFor(get(urlEqualTo("/api/runs/" + runId)).willReturn(okJson(
                "{\"id\":\"" + runId + "\",\"status\":\"failed\",\"error\":\"stage 1: adapter down\",\"stages\":[]}")));

        ProbeResult result = runNow();

        assertThat(result.success()).isFalse();
        assertThat(result.errorType()).isEqualTo("RunFailed");
        assertThat(result.details()).contains("adapter down");
    }

    @Test
    void failsWhenRunServiceAnswersAnError() {
        runService.stubFor(post(urlEqualTo(EXPERIMENTS)).willReturn(aResponse().withStatus(500)));

        ProbeResult result = runNow();

        assertThat(result.success()).isFalse();
        assertThat(result.errorType()).isEqualTo("UpstreamUnavailable");
        assertThat(result.details()).contains("run-service").contains("500");
    }

    @Test
    void failsWhenTheRunDoesNotFinishInTime() {
        ProbeResult result = runNow();

        assertThat(result.success()).isFalse();
        assertThat(result.errorType()).isEqualTo("TimeoutException");
        assertThat(result.details()).contains(runId.toString());
    }

    @Test
    void failsWhenRunServiceAnswersGarbage() {
        runService.stubFor(get(urlEqualTo("/api/runs/" + runId)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\": oops")));

        ProbeResult result = runNow();

        assertThat(result.success()).isFalse();
        assertThat(result.errorType()).isEqualTo("UpstreamUnavailable");
        assertThat(result.details()).contains("not the expected JSON");
    }

    @Test
    void failsWhenARunHasNoStatus() {
        runService.stubFor(get(urlEqualTo("/api/runs/" + runId)).willReturn(okJson("{\"id\":\"" + runId + "\"}")));

        ProbeResult result = runNow();

        assertThat(result.success()).isFalse();
        assertThat(result.details()).contains("run status");
    }

    @Test
    void theExperimentIsCreatedOnceAndReused() {
        runNow();
        runNow();

        runService.verify(1, postRequestedFor(urlEqualTo(EXPERIMENTS)));
        runService.verify(2, postRequestedFor(urlEqualTo(runsOf(experimentId))));
    }

    @Test
    void anExperimentRunServiceNoLongerKnowsIsCreatedAgain() {
        runNow();
        runService.stubFor(post(urlEqualTo(runsOf(experimentId))).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"status\":404}")));

        ProbeResult gone = runNow();
        runNow();

        assertThat(gone.success()).isFalse();
        runService.verify(2, postRequestedFor(urlEqualTo(EXPERIMENTS)));
    }

    private CompletableFuture<ProbeResult> start() {
        return SafeContext.run(vertx, probe::run).subscribeAsCompletionStage();
    }

    private ProbeResult runNow() {
        return SafeContext.run(vertx, probe::run).await().atMost(WAIT);
    }

    /** The marker the probe sent as input_data, once its run was submitted. */
    private String submittedMarker() {
        await().atMost(WAIT).until(() -> !runService.findAll(postRequestedFor(urlEqualTo(runsOf(experimentId))))
                .isEmpty());
        try {
            return mapper.readTree(runService.findAll(postRequestedFor(urlEqualTo(runsOf(experimentId)))).get(0)
                    .getBodyAsString()).path("input_data").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void completeRun(String firstResponse, String secondResponse) {
        String stages = "[" + stage(0, firstResponse) + "," + stage(1, secondResponse) + "]";
        runService.stubFor(get(urlEqualTo("/api/runs/" + runId)).willReturn(okJson(run("completed", stages))));
    }

    private String run(String status, String stages) {
        return "{\"id\":\"" + runId + "\",\"experiment_id\":\"" + experimentId + "\",\"status\":\"" + status
                + "\",\"stages\":" + stages + ",\"error\":null}";
    }

    private String stage(int index, String response) {
        try {
            return "{\"stage_index\":" + index + ",\"prompt_sent\":" + mapper.writeValueAsString(response)
                    + ",\"response_raw\":" + mapper.writeValueAsString(response)
                    + ",\"model_used\":\"echo:any\",\"tokens_in\":3,\"tokens_out\":3,\"latency_ms\":1,"
                    + "\"cached\":false}";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String runsOf(UUID experiment) {
        return EXPERIMENTS + "/" + experiment + "/runs";
    }
}
