package dev.flywheel.gateway.cors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.flywheel.gateway.GatewayTestSupport.READ_KEY;
import static dev.flywheel.gateway.GatewayTestSupport.fake;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.flywheel.gateway.FakeServices;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With no {@code gateway.cors.origins} no origin is ever allowed: browsers refuse every cross-origin answer. */
@QuarkusTest
@WithTestResource(FakeServices.class)
class CorsOffByDefaultTest {

    static final String ORIGIN = "https://ui.example.com";

    @BeforeEach
    void servicesAnswer() {
        fake("variant").register(any(urlPathMatching("/.*")).willReturn(aResponse().withStatus(200).withBody("{}")));
    }

    @Test
    void aPreflightGetsNoAllowOriginAndNeedsAKeyLikeAnythingElse() {
        given().header("Origin", ORIGIN).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .options("/api/agents")
                .then().statusCode(401).contentType(startsWith("application/problem+json"))
                .header("Access-Control-Allow-Origin", nullValue())
                .header("Access-Control-Allow-Methods", nullValue());
    }

    @Test
    void aCrossOriginCallWithAKeyIsServedWithoutAllowOrigin() {
        given().header("Origin", ORIGIN).header("Authorization", READ_KEY).get("/api/agents")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue())
                .header("Access-Control-Allow-Credentials", nullValue());
    }
}
