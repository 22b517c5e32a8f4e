package dev.flywheel.selftest.probe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.flywheel.selftest.LoopQaConfig;
import dev.flywheel.selftest.capability.Capability;
import dev.flywheel.selftest.peer.PeersConfig;
import dev.flywheel.selftest.peer.VerifyToolsClient;
import dev.flywheel.selftest.support.InjectWireMock;
import dev.flywheel.selftest.support.WireMockPeers;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** tool_use against a WireMock verify-service: success, error, timeout and garbage answers. */
@QuarkusTest
@WithTestResource(value = WireMockPeers.class, scope = TestResourceScope.GLOBAL)
class ToolUseProbeTest {

    private static final String EXECUTE = "/api/tools/http_health/execute";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @InjectWireMock
    WireMockServer verify;
    @Inject
    ToolUseProbe probe;
    @Inject
    LoopQaConfig config;
    @Inject
    PeersConfig peers;

    @BeforeEach
    void resetStubs() {
        verify.resetAll();
    }

    @Test
    @DisplayName("seed test_t1_tool_use_success: non-empty tool output is a success")
    void succeedsWhenTheToolReturnsOutput() {
        verify.stubFor(post(urlEqualTo(EXECUTE)).willReturn(okJson("""
                {"tool": "http_health", "success": true, "output": {"status": "UP", "checks": []},
                 "error": null, "duration_ms": 12}""")));

        ProbeResult result = run();

        assertThat(result.success()).isTrue();
        assertThat(result.capability()).isEqualTo(Capability.TOOL_USE);
        assertThat(result.details()).contains("\"status\":\"UP\"");
        assertThat(result.errorType()).isNull();
    }

    @Test
    void asksVerifyServiceForTheConfiguredHealthUrl() {
        verify.stubFor(post(urlEqualTo(EXECUTE)).willReturn(okJson(
                "{\"tool\":\"http_health\",\"success\":true,\"output\":{\"status\":\"UP\"},\"duration_ms\":1}")));

        run();

        verify.verify(1, postRequestedFor(urlEqualTo(EXECUTE))
                .withRequestBody(equalToJson("{\"url\": \"" + config.toolUse().healthUrl() + "\"}")));
        assertThat(config.toolUse().healthUrl()).endsWith("/q/health/ready");
    }

    @Test
    void failsWhenVerifyServiceAnswersAnError() {
        verify.stubFor(post(urlEqualTo(EXECUTE)).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"status\":500}")));

        ProbeResult result = run();

        assertThat(result.success()).isFalse();
        assertThat(result.capability()).isEqualTo(Capability.TOOL_USE);
        assertThat(result.errorType()).isEqualTo("UpstreamUnavailable");
        assertThat(result.details()).contains("verify-service").contains("500");
        // The same request would get the same 500: it is not retried.
        verify.verify(1, postRequestedFor(urlEqualTo(EXECUTE)));
    }

    @Test
    @DisplayName("seed test_t1_tool_use_failure: the tool call raising is a failure named after the exception")
    void aRaisingToolCallIsAFailureNamedAfterTheException() {
        VerifyToolsClient raising = (tool, parameters) -> {
            throw new IllegalStateException("shell unavailable");
        };

        ProbeResult result = new ToolUseProbe(raising, peers, config).run().await().atMost(WAIT);

        assertThat(result.success()).isFalse();
        assertThat(result.capability()).isEqualTo(Capability.TOOL_USE);
        assertThat(result.errorType()).isEqualTo("IllegalStateException");
        assertThat(result.details()).contains("shell unavailable");
    }

    @Test
    void failsWhenTheToolItselfFails() {
        verify.stubFor(post(urlEqualTo(EXECUTE)).willReturn(okJson("""
                {"tool": "http_health", "success": false, "output": {}, "error": "connection refused",
                 "duration_ms": 3}""")));

        ProbeResult result = run();

        assertThat(result.success()).isFalse();
        assertThat(result.errorType()).isEqualTo("ToolFailed");
        assertThat(result.details()).contains("connection refused");
    }

    @Test
    void failsWhenTheOutputIsEmpty() {
        verify.stubFor(post(urlEqualTo(EXECUTE)).willReturn(okJson(
                "{\"tool\":\"http_health\",\"success\":true,\"output\":{},\"error\":null,\"duration_ms\":1}")));

        ProbeResult result = run();

        assertThat(result.success()).isFalse();
        assertThat(result.errorType()).isEqualTo("EmptyOutput");
    }

    @Test
    void failsWhenVerifyServiceDoesNotAnswerInTime() {
        verify.stubFor(post(urlEqualTo(EXECUTE)).willReturn(okJson("{\"success\":true,\"output\":{\"a\":1}}")
                .withFixedDelay(WireMockPeers.READ_TIMEOUT_MS * 3)));

        ProbeResult result = run();

        assertThat(result.success()).isFalse();
        assertThat(result.errorType()).isEqualTo("UpstreamUnavailable");
        assertThat(result.details()).contains("verify-service");
        assertThat(result.details()).contains("no answer within " + WireMockPeers.READ_TIMEOUT_MS + " ms");
        // Each attempt is cut off at the peer's timeout, and a timeout is retried like a refused connection.
        verify.verify(1 + peers.verifyService().retries(), postRequestedFor(urlEqualTo(EXECUTE)));
    }

    @Test
    void failsWhenVerifyServiceAnswersGarbage() {
        verify.stubFor(post(urlEqualTo(EXECUTE)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("<html>definitely not json")));

        ProbeResult result = run();

        assertThat(result.success()).isFalse();
        assertThat(result.errorType()).isEqualTo("UpstreamUnavailable");
        assertThat(result.details()).contains("verify-service").contains("not the expected JSON");
    }

    @Test
    void failsWhenVerifyServiceAnswersJsonOfAnotherShape() {
        verify.stubFor(post(urlEqualTo(EXECUTE)).willReturn(okJson("{\"unexpected\": [1, 2, 3]}")));

        ProbeResult result = run();

        assertThat(result.success()).isFalse();
        assertThat(result.errorType()).isEqualTo("ToolFailed");
    }

    @Test
    void failsWhenTheConnectionBreaks() {
        verify.stubFor(post(urlEqualTo(EXECUTE)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        ProbeResult result = run();

        assertThat(result.success()).isFalse();
        assertThat(result.errorType()).isEqualTo("UpstreamUnavailable");
    }

    @Test
    void aBriefOutageIsRetriedABoundedNumberOfTimes() {
        verify.stubFor(post(urlEqualTo(EXECUTE)).inScenario("outage").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
        verify.stubFor(post(urlEqualTo(EXECUTE)).inScenario("outage").whenScenarioStateIs("recovered")
                .willReturn(okJson("{\"tool\":\"http_health\",\"success\":true,\"output\":{\"status\":\"UP\"}}")));

        assertThat(run().success()).isTrue();
        verify.verify(2, postRequestedFor(urlEqualTo(EXECUTE)));
    }

    @Test
    void aLastingOutageGivesUpAfterTheRetries() {
        verify.stubFor(post(urlEqualTo(EXECUTE)).willReturn(aResponse().withStatus(503)));

        ProbeResult result = run();

        assertThat(result.success()).isFalse();
        assertThat(result.details()).contains("503");
        verify.verify(1 + peers.verifyService().retries(), postRequestedFor(urlEqualTo(EXECUTE)));
    }

    private ProbeResult run() {
        return probe.run().await().atMost(WAIT);
    }
}
