package dev.flywheel.run.adapter;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.flywheel.run.support.TestData.marker;
import static dev.flywheel.run.support.TestData.run;
import static dev.flywheel.run.support.TestData.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.flywheel.run.support.Runs;
import dev.flywheel.run.support.WireMockPeers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Anthropic Messages adapter against WireMock. */
@QuarkusTest
class AnthropicAdapterTest {

    private static final String PATH = "/v1/messages";

    @ConfigProperty(name = "wiremock.port")
    int port;

    WireMock wireMock;

    @BeforeEach
    void connect() {
        wireMock = new WireMock("localhost", port);
    }

    @Test
    void sendsAMessagesRequestAndReadsContentAndUsage() {
        String m = marker();
        wireMock.register(post(urlEqualTo(PATH)).withRequestBody(containing(m)).willReturn(okJson(answer("Bonjour", 21, 4))));

        JsonPath run = Runs.execute(with(run("Say hello in French " + m, "anthropic:claude-3-5-haiku"), "params",
                Map.of("temperature", 0.0, "system_prompt", "You are terse.")));

        assertThat(run.getString("status")).isEqualTo("completed");
        assertThat(run.getString("stages[0].response_raw")).isEqualTo("Bonjour");
        assertThat(run.getInt("tokens_in")).isEqualTo(21);
        assertThat(run.getInt("tokens_out")).isEqualTo(4);
        assertThat(run.getString("stages[0].model_used")).isEqualTo("anthropic:claude-3-5-haiku");
        wireMock.verifyThat(1, postRequestedFor(urlEqualTo(PATH))
                .withHeader("x-api-key", equalTo(WireMockPeers.ANTHROPIC_KEY))
                .withHeader("anthropic-version", equalTo("2023-06-01"))
                .withRequestBody(equalToJson("""
                        {"model": "claude-3-5-haiku", "max_tokens": 1024, "temperature": 0.0, "system": "You are terse.",
                         "messages": [{"role": "user", "content": "Say hello in French %s"}]}""".formatted(m))));
    }

    @Test
    void anOverloaded529IsRetriedUntilItSucceeds() {
        String m = marker();
        wireMock.register(post(urlEqualTo(PATH)).withRequestBody(containing(m)).inScenario(m)
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("recovered")
                .willReturn(aResponse().withStatus(529).withBody("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\"}}")));
        wireMock.register(post(urlEqualTo(PATH)).withRequestBody(containing(m)).inScenario(m)
                .whenScenarioStateIs("recovered").willReturn(okJson(answer("fine now", 3, 2))));

        JsonPath run = Runs.execute(run("overloaded " + m, "anthropic:claude-3-5-haiku"));

        assertThat(run.getString("status")).isEqualTo("completed");
        assertThat(run.getString("stages[0].response_raw")).isEqualTo("fine now");
        wireMock.verifyThat(2, postRequestedFor(urlEqualTo(PATH)).withRequestBody(containing(m)));
    }

    static String answer(String text, int input, int output) {
        return """
                {"id": "msg_1", "type": "message", "role": "assistant", "model": "claude-3-5-haiku",
                 "content": [{"type": "text", "text": "%s"}], "stop_reason": "end_turn",
                 "usage": {"input_tokens": %d, "output_tokens": %d}}""".formatted(text, input, output);
    }
}
