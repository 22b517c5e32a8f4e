package dev.flywheel.variant.agent;

import static dev.flywheel.variant.TestData.agent;
import static dev.flywheel.variant.TestData.json;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * SPEC §10 "Through the gateway, links point at the gateway": Location is built from the forwarded headers of a
 * trusted proxy (the tests' loopback client is one: quarkus.http.proxy.trusted-proxies), never from the service's
 * own address.
 */
@QuarkusTest
class LocationTest {

    @Test
    void locationUsesTheAddressTheClientCalledThroughATrustedProxy() {
        Response created = json().header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "api.example.com")
                .header("X-Forwarded-Prefix", "/flywheel").body(agent()).post("/api/agents");
        created.then().statusCode(201)
                .header("Location", is("https://api.example.com/flywheel/api/agents/" + created.path("id")));
    }

    @Test
    void theStandardForwardedHeaderWorksToo() {
        Response created = json().header("Forwarded", "for=10.0.0.9;host=gw.example:8443;proto=https")
                .body(agent()).post("/api/agents");
        created.then().statusCode(201)
                .header("Location", is("https://gw.example:8443/api/agents/" + created.path("id")));
    }

    @Test
    void whatTheGatewaySendsIsAcceptedAsOneConsistentAddress() {
        Response created = json().header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "gw.example:8443")
                .header("X-Forwarded-For", "127.0.0.1")
                .header("Forwarded", "host=\"gw.example:8443\";proto=https")
                .body(agent()).post("/api/agents");
        created.then().statusCode(201)
                .header("Location", is("https://gw.example:8443/api/agents/" + created.path("id")));
    }

    @Test
    void withoutForwardedHeadersLocationIsTheAddressCalled() {
        json().body(agent()).post("/api/agents").then().statusCode(201)
                .header("Location", startsWith("http://localhost:"));
    }
}
