package dev.flywheel.gateway.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.flywheel.gateway.GatewayTestSupport.READ_KEY;
import static dev.flywheel.gateway.GatewayTestSupport.fake;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.flywheel.gateway.FakeServices;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Behind a configured trusted proxy (an ingress terminating TLS), its forwarded headers are kept and passed on. */
@QuarkusTest
@WithTestResource(FakeServices.class)
@TestProfile(TrustedProxyTest.BehindAnIngress.class)
class TrustedProxyTest {

    public static class BehindAnIngress implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.1");
        }
    }

    @Test
    void theIngressesAddressAndPrefixReachTheService() {
        WireMock variant = fake("variant");
        variant.register(get(urlPathEqualTo("/api/agents")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"items\":[],\"next_cursor\":null}")));

        given().header("Authorization", READ_KEY).header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "flywheel.example").header("X-Forwarded-Prefix", "/suite")
                .header("X-Forwarded-For", "203.0.113.9")
                .get("/api/agents").then().statusCode(200);

        variant.verifyThat(getRequestedFor(urlPathEqualTo("/api/agents"))
                .withHeader("X-Forwarded-Proto", equalTo("https"))
                .withHeader("X-Forwarded-Host", equalTo("flywheel.example"))
                .withHeader("X-Forwarded-Prefix", equalTo("/suite"))
                .withHeader("X-Forwarded-For", equalTo("203.0.113.9, 127.0.0.1"))
                .withHeader("Forwarded", equalTo("host=flywheel.example;proto=https")));
    }

    @Test
    void behindATlsTerminatingIngressTheCookieIsSecure() {
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .header("X-Forwarded-Proto", "https")
                .formParam("api_key", "test-write-key")
                .post("/ui/sign-in")
                .then().statusCode(303).header("Set-Cookie", containsString("Secure"));
    }
}
