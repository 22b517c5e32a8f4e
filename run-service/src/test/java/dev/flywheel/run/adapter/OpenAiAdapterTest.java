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
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.flywheel.common.testing.LogCapture;
import dev.flywheel.run.cache.CacheKey;
import dev.flywheel.run.cache.ResponseCache;
import dev.flywheel.run.support.Runs;
import dev.flywheel.run.support.WireMockPeers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAI-compatible adapter against WireMock: shapes, usage, retries, failures, the API key. */
@QuarkusTest
class OpenAiAdapterTest {

    private static final String PATH = "/v1/chat/completions";

    @ConfigProperty(name = "wiremock.port")
    int port;
    @Inject
    ResponseCache cache;
    @Inject
    Pool pool;

    WireMock wireMock;

    @BeforeEach
    void connect() {
        wireMock = new WireMock("localhost", port);
    }

    @Test
    void sendsAChatCompletionAndReadsTheAnswerAndUsage() {
        String m = marker();
        wireMock.register(post(urlEqualTo(PATH)).withRequestBody(containing(m)).willReturn(okJson(answer("Paris", 12, 3))));

        JsonPath run = Runs.execute(with(run("Capital of France? " + m, "openai:gpt-4o-mini"), "params",
                Map.of("temperature", 0.2, "max_tokens", 64, "system_prompt", "Be brief.")));

        assertThat(run.getString("status")).isEqualTo("completed");
        assertThat(run.getString("stages[0].response_raw")).isEqualTo("Paris");
        assertThat(run.getInt("tokens_in")).isEqualTo(12);
        assertThat(run.getInt("tokens_out")).isEqualTo(3);
        assertThat(run.getString("stages[0].model_used")).isEqualTo("openai:gpt-4o-mini");
        wireMock.verifyThat(1, postRequestedFor(urlEqualTo(PATH))
                .withHeader("Authorization", equalTo("Bearer " + WireMockPeers.OPENAI_KEY))
                .withRequestBody(equalToJson("""
                        {"model": "gpt-4o-mini", "temperature": 0.2, "max_tokens": 64,
                         "messages": [{"role": "system", "content": "Be brief."},
                                      {"role": "user", "content": "Capital of France? %s"}]}""".formatted(m))));
    }

    @Test
    void a429WithRetryAfterIsRetriedAfterTheAskedDelay() {
        String m = marker();
        wireMock.register(post(urlEqualTo(PATH)).withRequestBody(containing(m)).inScenario(m)
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("rested")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("slow down")));
        wireMock.register(post(urlEqualTo(PATH)).withRequestBody(containing(m)).inScenario(m)
                .whenScenarioStateIs("rested").willReturn(okJson(answer("after the pause", 5, 2))));

        JsonPath run = Runs.execute(run("rate limited " + m, "openai:gpt-4o-mini"));

        assertThat(run.getString("status")).isEqualTo("completed");
        assertThat(run.getString("stages[0].response_raw")).isEqualTo("after the pause");
        List<LoggedRequest> requests = wireMock.find(postRequestedFor(urlEqualTo(PATH)).withRequestBody(containing(m)));
        assertThat(requests).hasSize(2);
        long pause = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        assertThat(pause).as("Retry-After: 1 is honoured").isGreaterThanOrEqualTo(950L);
    }

    @Test
    void aPersistent500FailsTheRunAfterTheRetriesAndIsNotCached() {
        String m = marker();
        wireMock.register(post(urlEqualTo(PATH)).withRequestBody(containing(m))
                .willReturn(aResponse().withStatus(500).withBody("{\"error\":\"overloaded\"}")));

        JsonPath run = Runs.execute(with(run("always broken " + m, "openai:gpt-4o-mini"), "params", Map.of("max_retries", 2)));

        assertThat(run.getString("status")).isEqualTo("failed");
        assertThat(run.getString("error")).contains("stage 0").contains("HTTP 500").contains("overloaded");
        assertThat(run.getString("completed_at")).isNotNull();
        wireMock.verifyThat(3, postRequestedFor(urlEqualTo(PATH)).withRequestBody(containing(m)));
        String key = CacheKey.of("always broken " + m, "openai:gpt-4o-mini", JsonNodeFactory.instance.objectNode(), null, 0);
        assertThat(cache.lookup(key).await().atMost(Duration.ofSeconds(10))).isEmpty();
    }

    @Test
    void aClientErrorIsNotRetried() {
        String m = marker();
        wireMock.register(post(urlEqualTo(PATH)).withRequestBody(containing(m))
                .willReturn(aResponse().withStatus(400).withBody("{\"error\":\"bad model\"}")));

        JsonPath run = Runs.execute(run("bad request " + m, "openai:no-such-model"));

        assertThat(run.getString("status")).isEqualTo("failed");
        assertThat(run.getString("error")).contains("HTTP 400");
        wireMock.verifyThat(1, postRequestedFor(urlEqualTo(PATH)).withRequestBody(containing(m)));
    }

    @Test
    void aSlowServerTimesOutAndIsRetriedThenFailsTheRun() {
        String m = marker();
        wireMock.register(post(urlEqualTo(PATH)).withRequestBody(containing(m))
                .willReturn(okJson(answer("too late", 1, 1)).withFixedDelay(4000)));

        JsonPath run = Runs.execute(with(run("slow " + m, "openai:gpt-4o-mini"), "params",
                Map.of("timeout_seconds", 0.5, "max_retries", 1)));

        assertThat(run.getString("status")).isEqualTo("failed");
        assertThat(run.getString("error")).contains("did not answer");
        wireMock.verifyThat(2, postRequestedFor(urlEqualTo(PATH)).withRequestBody(containing(m)));
    }

    @Test
    void theApiKeyIsNeverStoredNorReturned() {
        String m = marker();
        wireMock.register(post(urlEqualTo(PATH)).withRequestBody(containing(m)).willReturn(okJson(answer("ok", 1, 1))));
        String experimentId = Runs.newExperiment();
        String runId = Runs.submit(experimentId, run("secret check " + m, "openai:gpt-4o-mini"));
        Runs.awaitFinished(runId);

        String key = WireMockPeers.OPENAI_KEY;
        assertThat(given().get("/api/runs/{id}", runId).asString()).doesNotContain(key);
        assertThat(given().get("/api/runs?experiment_id={id}", experimentId).asString()).doesNotContain(key);
        assertThat(given().get("/api/experiments/{id}", experimentId).asString()).doesNotContain(key);
        String like = "%" + key + "%";
        long stored = pool.preparedQuery("select (select count(*) from runs where config::text like $1)"
                + " + (select count(*) from stage_results where prompt_sent like $1 or response_raw like $1)"
                + " + (select count(*) from response_cache where response like $1)"
                + " + (select count(*) from outbox where envelope like $1)").execute(Tuple.of(like))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
        assertThat(stored).isZero();
    }

    @Test
    void theApiKeyNeverReachesTheLogsNotEvenWhenTheProviderRefusesIt() {
        String m = marker();
        // A provider that refuses the key and quotes it back, as some do in their error bodies.
        wireMock.register(post(urlEqualTo(PATH)).withRequestBody(containing(m)).willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":{\"message\":\"Incorrect API key provided: " + WireMockPeers.OPENAI_KEY + "\"}}")));

        JsonPath run;
        List<String> logged;
        try (LogCapture logs = LogCapture.open()) {
            run = Runs.execute(run("refused key " + m, "openai:gpt-4o-mini"));
            logged = logs.lines();
        }

        assertThat(run.getString("status")).isEqualTo("failed");
        assertThat(run.getString("error")).contains("HTTP 401", "Incorrect API key provided: [redacted]")
                .doesNotContain(WireMockPeers.OPENAI_KEY);
        assertThat(logged).as("the failed run is logged").anyMatch(line -> line.contains(run.getString("id")));
        assertThat(logged).noneMatch(line -> line.contains(WireMockPeers.OPENAI_KEY));
    }

    static String answer(String text, int promptTokens, int completionTokens) {
        return """
                {"id": "chatcmpl-1", "object": "chat.completion", "model": "gpt-4o-mini",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": "%s"}, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": %d, "completion_tokens": %d, "total_tokens": %d}}"""
                .formatted(text, promptTokens, completionTokens, promptTokens + completionTokens);
    }
}
