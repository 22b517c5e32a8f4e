package dev.flywheel.gateway.cors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.flywheel.gateway.GatewayTestSupport.READ_KEY;
import static dev.flywheel.gateway.GatewayTestSupport.fake;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.flywheel.gateway.FakeServices;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With {@code gateway.cors.origins} set to one origin, that origin may call the API and no other may. */
@QuarkusTest
@WithTestResource(FakeServices.class)
@TestProfile(ConfiguredCorsTest.OneOrigin.class)
class ConfiguredCorsTest {

    private static final String ALLOWED = "https://ui.example.com";
    private static final String OTHER = "https://evil.example.net";

    public static class OneOrigin implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.cors.origins", ALLOWED, "gateway.cors.preflight-max-age", "5m");
        }
    }

    @BeforeEach
    void servicesAnswer() {
        fake("variant").register(any(urlPathMatching("/.*")).willReturn(aResponse().withStatus(200).withBody("{}")));
    }

    @Test
    void thePreflightOfTheConfiguredOriginIsAnsweredWithoutAKeyAndReachesNoService() {
        given().header("Origin", ALLOWED).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .header("X-Request-Id", "preflight-1")
                .options("/api/agents")
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", is(ALLOWED))
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("Authorization"))
                .header("Access-Control-Max-Age", is("300"))
                .header("Access-Control-Allow-Credentials", nullValue())
                .header("Vary", containsString("Origin"));
        fake("variant").verifyThat(0, anyRequestedFor(anyUrl()).withHeader("X-Request-Id", equalTo("preflight-1")));
    }

    @Test
    void theConfiguredOriginsCallsCarryAllowOriginButStillNeedAKey() {
        given().header("Origin", ALLOWED).header("Authorization", READ_KEY).get("/api/agents")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", is(ALLOWED))
                .header("Access-Control-Expose-Headers", containsString("X-Request-Id"));
        given().header("Origin", ALLOWED).get("/api/agents")
                .then().statusCode(401).contentType(startsWith("application/problem+json"));
    }

    @Test
    void anotherOriginGetsNoAllowOrigin() {
        given().header("Origin", OTHER).header("Access-Control-Request-Method", "POST").options("/api/agents")
                .then().statusCode(401)
                .header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", OTHER).header("Authorization", READ_KEY).get("/api/agents")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue())
                .header("Vary", containsString("Origin"));
    }
}
