package dev.flywheel.gateway.ui;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.flywheel.gateway.GatewayTestSupport.fake;
import static dev.flywheel.gateway.ui.UiSupport.signedIn;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import dev.flywheel.gateway.FakeServices;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(FakeServices.class)
class DashboardPageTest {

    @BeforeEach
    void servicesAreUp() {
        for (String service : new String[] { "variant", "run", "verify", "selftest" }) {
            fake(service).resetMappings();
            fake(service).register(get(urlPathEqualTo("/q/health/ready"))
                    .willReturn(okJson("{\"status\":\"UP\",\"checks\":[]}")));
        }
        fake("selftest").register(get(urlPathEqualTo("/health/loop-qa"))
                .willReturn(okJson("{\"overall_status\":\"green\",\"capabilities\":[]}")));
    }

    @Test
    void theDashboardShowsServicesTheCapabilityPanelAndProposals() {
        fake("selftest").register(get(urlPathEqualTo("/api/selftest/proposals")).willReturn(okJson(
                "{\"items\":[{\"id\":\"p1\",\"capability\":\"tool_use\",\"title\":\"Upgrade TOOL_USE <script>x</script>\","
                        + "\"status\":\"open\"}],\"next_cursor\":null}")));

        signedIn().get("/ui/")
                .then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("X-Content-Type-Options", is("nosniff"))
                .body(containsString("data-service=\"variant-service\""),
                        containsString("data-service=\"selftest-service\""),
                        containsString("id=\"capability-panel\""),
                        containsString("hx-get=\"/health/loop-qa/partial\""),
                        containsString("hx-trigger=\"load\""),
                        containsString("Upgrade TOOL_USE &lt;script&gt;x&lt;/script&gt;"),
                        not(containsString("<script>x")));
        fake("selftest").verifyThat(getRequestedFor(urlPathEqualTo("/api/selftest/proposals"))
                .withQueryParam("status", equalTo("open")));
    }

    @Test
    void aServiceThatIsDownIsShownAsSuchAndTheProposalsAsUnavailable() {
        fake("run").register(get(urlPathEqualTo("/q/health/ready")).willReturn(aResponse().withStatus(503)
                .withBody("{\"status\":\"DOWN\"}")));
        fake("selftest").register(get(urlPathEqualTo("/api/selftest/proposals")).willReturn(aResponse().withStatus(500)));

        signedIn().get("/ui/")
                .then().statusCode(200)
                .body(containsString("id=\"suite-status\">DEGRADED"),
                        containsString("badge-DOWN"),
                        containsString("id=\"proposals-unavailable\""));
    }

    @Test
    void theCapabilityPartialIsPublicLikeTheRestOfHealth() {
        fake("selftest").register(get(urlPathEqualTo("/health/loop-qa/partial")).willReturn(aResponse()
                .withHeader("Content-Type", "text/html").withBody("<table><tr class=\"capability-row\"></tr></table>")));

        io.restassured.RestAssured.given().get("/health/loop-qa/partial")
                .then().statusCode(200).body(containsString("capability-row"));
    }
}
