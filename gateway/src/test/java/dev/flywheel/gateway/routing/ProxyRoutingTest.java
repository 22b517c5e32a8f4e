package dev.flywheel.gateway.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.flywheel.gateway.GatewayTestSupport.READ_KEY;
import static dev.flywheel.gateway.GatewayTestSupport.WRITE_KEY;
import static dev.flywheel.gateway.GatewayTestSupport.fake;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.flywheel.gateway.FakeServices;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@WithTestResource(FakeServices.class)
class ProxyRoutingTest {

    @BeforeEach
    void resetFakes() {
        for (String service : new String[] { "variant", "run", "verify", "selftest" }) {
            fake(service).resetMappings();
            fake(service).resetRequests();
        }
    }

    @ParameterizedTest(name = "{0} goes to {1}")
    @CsvSource({
            "/api/agents, variant",
            "/api/agents/5/variants, variant",
            "/api/experiments, run",
            "/api/runs/42, run",
            "/api/cache/stats, run",
            "/api/templates/render, run",
            "/api/verifications, verify",
            "/api/incidents/i-1/evidence, verify",
            "/api/tools, verify",
            "/api/selftest/proposals, selftest",
            "/health/loop-qa, selftest",
            "/health/loop-qa/partial, selftest" })
    void eachPrefixReachesItsService(String path, String service) {
        WireMock owner = fake(service);
        owner.register(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"served_by\":\"" + service + "\"}")));

        given().header("Authorization", READ_KEY).get(path)
                .then().statusCode(200).body("served_by", is(service));
        owner.verifyThat(1, getRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void aReadKeyMayPreviewATemplateButNotPostElsewhereUnderTemplates() {
        fake("run").register(post(urlEqualTo("/api/templates/render"))
                .withRequestBody(equalToJson("{\"template\":\"Hi {{ input }}\",\"input_data\":\"you\"}"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"output\":\"Hi you\"}")));

        given().header("Authorization", READ_KEY).contentType(ContentType.JSON)
                .body("{\"template\":\"Hi {{ input }}\",\"input_data\":\"you\"}")
                .post("/api/templates/render")
                .then().statusCode(200).body("output", is("Hi you"));
        fake("run").verifyThat(1, postRequestedFor(urlEqualTo("/api/templates/render")));

        given().header("Authorization", READ_KEY).contentType(ContentType.JSON).body("{}")
                .post("/api/templates/other").then().statusCode(403);
        given().header("Authorization", READ_KEY).contentType(ContentType.JSON).body("{}")
                .post("/api/templates/render/").then().statusCode(403);
        given().header("Authorization", READ_KEY).contentType(ContentType.JSON).body("{}")
                .post("/api/experiments").then().statusCode(403);
    }

    @Test
    void aPrefixDoesNotMatchALongerWord() {
        given().header("Authorization", READ_KEY).get("/api/agentsx")
                .then().statusCode(404).contentType(startsWith("application/problem+json"));
    }

    @Test
    void methodQueryBodyAndStatusPassThroughUnchanged() {
        fake("run").register(post(urlEqualTo("/api/experiments/e1/runs?wait=true"))
                .withRequestBody(equalToJson("{\"prompt\":\"hi\",\"model\":\"echo:any\"}"))
                .willReturn(aResponse().withStatus(202).withHeader("Location", "/api/runs/r1")
                        .withHeader("Content-Type", "application/json").withBody("{\"id\":\"r1\",\"status\":\"pending\"}")));

        given().header("Authorization", WRITE_KEY).contentType(ContentType.JSON)
                .body("{\"prompt\":\"hi\",\"model\":\"echo:any\"}")
                .post("/api/experiments/e1/runs?wait=true")
                .then().statusCode(202).header("Location", containsString("/api/runs/r1")).body("status", is("pending"));
    }

    @Test
    void connectionHeadersStayAtTheGatewayAndEndToEndOnesGoOnWithTheCallersHost() {
        fake("variant").register(get(urlEqualTo("/api/agents")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("X-Service", "variant")
                .withHeader("Proxy-Authenticate", "Basic").withBody("[]")));

        given().header("Authorization", READ_KEY).header("Proxy-Authorization", "Basic c2VjcmV0")
                .header("X-Custom", "kept").get("/api/agents")
                .then().statusCode(200).header("X-Service", is("variant")).header("Proxy-Authenticate", nullValue())
                .header("Date", notNullValue());

        fake("variant").verifyThat(getRequestedFor(urlEqualTo("/api/agents"))
                .withHeader("X-Custom", equalTo("kept"))
                .withHeader("Host", matching("localhost(:[0-9]+)?"))
                .withoutHeader("Proxy-Authorization"));
    }

    @Test
    void largeBodiesStreamThroughIntactBothWays() {
        String sent = "x".repeat(900_000);
        String answered = "y".repeat(3_000_000);
        fake("run").register(post(urlEqualTo("/api/runs/big")).withRequestBody(equalTo(sent))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/plain").withBody(answered)));

        String body = given().header("Authorization", WRITE_KEY).contentType(ContentType.TEXT).body(sent)
                .post("/api/runs/big")
                .then().statusCode(200).extract().asString();
        assertThat(body).hasSize(answered.length()).isEqualTo(answered);
    }

    @Test
    void problemAnswersFromAServiceReachTheCallerIntact() {
        fake("variant").register(get(urlPathEqualTo("/api/agents/nope")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":404,\"title\":\"Not Found\",\"detail\":\"agent nope does not exist\"}")));

        given().header("Authorization", READ_KEY).get("/api/agents/nope")
                .then().statusCode(404).contentType(startsWith("application/problem+json"))
                .body("detail", is("agent nope does not exist"));
    }

    @Test
    void aRequestIdIsMadeWhenAbsentAndPassedOnAndReturned() {
        fake("variant").register(get(urlPathEqualTo("/api/agents")).willReturn(aResponse().withStatus(200).withBody("[]")));

        String id = given().header("Authorization", READ_KEY).get("/api/agents")
                .then().statusCode(200).header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
                .extract().header("X-Request-Id");
        fake("variant").verifyThat(getRequestedFor(urlPathEqualTo("/api/agents")).withHeader("X-Request-Id", equalTo(id)));
    }

    @Test
    void aCallersRequestIdAndTraceparentArePassedOn() {
        fake("run").register(get(urlPathEqualTo("/api/runs")).willReturn(aResponse().withStatus(200).withBody("{}")));
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

        given().header("Authorization", READ_KEY).header("X-Request-Id", "caller-7").header("traceparent", traceparent)
                .get("/api/runs")
                .then().statusCode(200).header("X-Request-Id", is("caller-7"));
        fake("run").verifyThat(getRequestedFor(urlPathEqualTo("/api/runs"))
                .withHeader("X-Request-Id", equalTo("caller-7"))
                .withHeader("traceparent", equalTo(traceparent)));
    }

    @Test
    void serverSentEventsStreamThrough() {
        fake("run").register(get(urlPathEqualTo("/api/runs/r1/events")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                .withBody("event: run.started\ndata: {\"run_id\":\"r1\"}\n\nevent: run.completed\ndata: {}\n\n")));

        given().header("Authorization", READ_KEY).get("/api/runs/r1/events")
                .then().statusCode(200).contentType(startsWith("text/event-stream"))
                .body(containsString("event: run.completed"));
    }

    @Test
    void aServiceThatFailsIsReportedAsItsOwnAnswer() {
        fake("verify").register(post(urlPathEqualTo("/api/verifications")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"status\":503}")));

        given().header("Authorization", WRITE_KEY).contentType(ContentType.JSON).body("{}").post("/api/verifications")
                .then().statusCode(503);
        fake("verify").verifyThat(postRequestedFor(urlPathEqualTo("/api/verifications")));
    }
}
