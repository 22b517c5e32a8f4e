package dev.flywheel.gateway.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.flywheel.gateway.GatewayTestSupport.fake;
import static dev.flywheel.gateway.ui.UiSupport.COOKIE;
import static dev.flywheel.gateway.ui.UiSupport.READ_KEY;
import static dev.flywheel.gateway.ui.UiSupport.WRITE_KEY;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import dev.flywheel.gateway.FakeServices;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The UI's sign-in cookie on {@code /api}: reads as the key it carries, writes only with {@code HX-Request}. */
@QuarkusTest
@WithTestResource(FakeServices.class)
class CookieAuthTest {

    @BeforeEach
    void everyServiceAnswersOk() {
        fake("variant").resetRequests();
        fake("variant").register(any(urlPathMatching("/.*")).willReturn(aResponse().withStatus(200).withBody("{}")));
    }

    @Test
    void theCookieAuthenticatesReads() {
        given().cookie(COOKIE, READ_KEY).get("/api/agents").then().statusCode(200);
    }

    @Test
    void aCookieWriteWithoutHxRequestIsRefusedAsCsrfAndReachesNoService() {
        given().cookie(COOKIE, WRITE_KEY).contentType(ContentType.JSON).body("{}").post("/api/agents")
                .then().statusCode(403).contentType(startsWith("application/problem+json"))
                .body("detail", containsString("CSRF"));
        given().cookie(COOKIE, WRITE_KEY).delete("/api/agents/a1").then().statusCode(403);
        fake("variant").verifyThat(0, anyRequestedFor(urlPathMatching("/.*")));
    }

    @Test
    void aCookieWriteFromHtmxGoesThrough() {
        given().cookie(COOKIE, WRITE_KEY).header("HX-Request", "true").contentType(ContentType.JSON).body("{}")
                .post("/api/agents")
                .then().statusCode(200);
        fake("variant").verifyThat(postRequestedFor(urlPathEqualTo("/api/agents")));
    }

    @Test
    void aReadKeyCookieStillLacksTheWriteScope() {
        given().cookie(COOKIE, READ_KEY).header("HX-Request", "true").contentType(ContentType.JSON).body("{}")
                .post("/api/agents")
                .then().statusCode(403).body("detail", containsString("write scope"));
    }

    @Test
    void aForgedCookieIs401() {
        given().cookie(COOKIE, "forged").get("/api/agents").then().statusCode(401);
    }

    @Test
    void bearerWritesNeedNoHxRequest() {
        given().header("Authorization", "Bearer " + WRITE_KEY).cookie(COOKIE, READ_KEY)
                .contentType(ContentType.JSON).body("{}").post("/api/agents")
                .then().statusCode(200);
    }
}
