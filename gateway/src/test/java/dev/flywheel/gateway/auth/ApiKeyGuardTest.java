package dev.flywheel.gateway.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.flywheel.gateway.GatewayTestSupport.READ_KEY;
import static dev.flywheel.gateway.GatewayTestSupport.WRITE_KEY;
import static dev.flywheel.gateway.GatewayTestSupport.fake;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import dev.flywheel.gateway.FakeServices;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(FakeServices.class)
class ApiKeyGuardTest {

    @BeforeEach
    void everyServiceAnswersOk() {
        fake("variant").resetRequests();
        fake("variant").register(any(urlPathMatching("/.*")).willReturn(aResponse().withStatus(200).withBody("{}")));
    }

    @Test
    void noKeyIs401ProblemAndNothingReachesTheService() {
        given().get("/api/agents")
                .then().statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", is(401));
        fake("variant").verifyThat(0, anyRequestedFor(urlPathMatching("/.*")));
    }

    @Test
    void aWrongKeyIs401() {
        given().header("Authorization", "Bearer not-a-key").get("/api/agents")
                .then().statusCode(401).contentType(startsWith("application/problem+json"))
                .body("detail", is("The API key is not valid"));
        fake("variant").verifyThat(0, anyRequestedFor(urlPathMatching("/.*")));
    }

    @Test
    void anotherSchemeThanBearerIs401() {
        given().header("Authorization", "Basic dGVzdC13cml0ZS1rZXk6").get("/api/agents").then().statusCode(401);
    }

    @Test
    void aReadKeyMayReadButNotWrite() {
        given().header("Authorization", READ_KEY).get("/api/agents").then().statusCode(200);
        given().header("Authorization", READ_KEY).contentType(ContentType.JSON).body("{}").post("/api/agents")
                .then().statusCode(403).contentType(startsWith("application/problem+json"))
                .body("detail", containsString("write"));
        given().header("Authorization", READ_KEY).delete("/api/agents/a1").then().statusCode(403);
        given().header("Authorization", READ_KEY).contentType(ContentType.JSON).body("{}").patch("/api/agents/a1")
                .then().statusCode(403);
    }

    @Test
    void aWriteKeyMayDoBoth() {
        given().header("Authorization", WRITE_KEY).get("/api/agents").then().statusCode(200);
        given().header("Authorization", WRITE_KEY).contentType(ContentType.JSON).body("{}").post("/api/agents")
                .then().statusCode(200);
    }

    @Test
    void theSchemeIsCaseInsensitive() {
        given().header("Authorization", "bearer test-read-key").get("/api/agents").then().statusCode(200);
    }

    @Test
    void gatewayStatusNeedsAKeyToo() {
        given().get("/api/status").then().statusCode(401);
    }

    @Test
    void healthIsPublicAndNeverCached() {
        given().get("/q/health/live").then().statusCode(200).header("Cache-Control", is("no-store"));
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void theServiceLearnsWhichKeyActedAndACallerCannotClaimToBeSomeoneElse() {
        given().header("Authorization", WRITE_KEY).header("X-Actor", "admin").contentType(ContentType.JSON).body("{}")
                .post("/api/agents").then().statusCode(200);
        fake("variant").verifyThat(postRequestedFor(urlPathMatching("/api/agents"))
                .withHeader("X-Actor", equalTo("api-key:" + ApiKeys.hash("test-write-key").substring(0, 12))));
    }
}
