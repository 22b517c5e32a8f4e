package dev.flywheel.gateway.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.flywheel.gateway.GatewayTestSupport.READ_KEY;
import static dev.flywheel.gateway.GatewayTestSupport.fake;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.flywheel.gateway.FakeServices;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC §10 "Through the gateway, links point at the gateway": the gateway tells the services the address the client
 * called, and a client that is no trusted proxy cannot make it say another host, scheme or prefix.
 */
@QuarkusTest
@WithTestResource(FakeServices.class)
class ForwardedHeadersTest {

    private WireMock variant;

    @BeforeEach
    void stub() {
        variant = fake("variant");
        variant.resetMappings();
        variant.resetRequests();
        variant.register(get(urlPathEqualTo("/api/agents")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("X-Request-Id", "from-the-service")
                .withBody("{\"items\":[],\"next_cursor\":null}")));
    }

    @Test
    void theServiceHearsTheAddressTheClientCalled() {
        given().header("Authorization", READ_KEY).get("/api/agents").then().statusCode(200);

        variant.verifyThat(getRequestedFor(urlPathEqualTo("/api/agents"))
                .withHeader("X-Forwarded-Proto", equalTo("http"))
                .withHeader("X-Forwarded-Host", matching("localhost:[0-9]+"))
                .withHeader("X-Forwarded-For", equalTo("127.0.0.1"))
                .withHeader("Forwarded", matching("host=\"localhost:[0-9]+\";proto=http"))
                .withHeader("X-Forwarded-Prefix", absent()));
    }

    @Test
    void aClientCannotForgeAnotherHostSchemeOrPrefix() {
        given().header("Authorization", READ_KEY)
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-Prefix", "/phish").header("X-Forwarded-Port", "443")
                .header("X-Forwarded-Server", "evil.example")
                .header("X-Forwarded-For", "6.6.6.6").header("Forwarded", "for=6.6.6.6;host=evil.example;proto=https")
                .get("/api/agents").then().statusCode(200);

        variant.verifyThat(getRequestedFor(urlPathEqualTo("/api/agents"))
                .withHeader("X-Forwarded-Proto", equalTo("http"))
                .withHeader("X-Forwarded-Host", matching("localhost:[0-9]+"))
                .withHeader("X-Forwarded-For", equalTo("127.0.0.1"))
                .withHeader("Forwarded", matching("host=\"localhost:[0-9]+\";proto=http"))
                .withHeader("X-Forwarded-Prefix", absent())
                .withHeader("X-Forwarded-Port", absent())
                .withHeader("X-Forwarded-Server", absent()));
    }

    @Test
    void aProxiedAnswerCarriesOneRequestIdTheGatewaysOwn() {
        Response response = given().header("Authorization", READ_KEY).header("X-Request-Id", "client-7")
                .get("/api/agents");

        response.then().statusCode(200);
        assertThat(response.headers().getValues("X-Request-Id")).containsExactly("client-7");
        variant.verifyThat(getRequestedFor(urlPathEqualTo("/api/agents")).withHeader("X-Request-Id", equalTo("client-7")));
    }

    @Test
    void aClientCannotForgeTheSecureCookie() {
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .header("X-Forwarded-Proto", "https").header("Forwarded", "proto=https")
                .formParam("api_key", "test-write-key")
                .post("/ui/sign-in")
                .then().statusCode(303).header("Set-Cookie", not(containsString("Secure")));
    }
}
