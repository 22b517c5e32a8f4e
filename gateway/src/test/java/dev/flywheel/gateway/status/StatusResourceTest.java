package dev.flywheel.gateway.status;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.flywheel.gateway.GatewayTestSupport.READ_KEY;
import static dev.flywheel.gateway.GatewayTestSupport.fake;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.flywheel.gateway.FakeServices;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(FakeServices.class)
class StatusResourceTest {

    private static final String READY_UP = "{\"status\":\"UP\",\"checks\":[{\"name\":\"Reactive PostgreSQL connections health check\",\"status\":\"UP\"}]}";

    @ConfigProperty(name = "gateway.client.status-timeout")
    Duration statusTimeout;

    @BeforeEach
    void everyServiceReady() {
        for (String service : new String[] { "variant", "run", "verify", "selftest" }) {
            WireMock fake = fake(service);
            fake.resetMappings();
            fake.register(get(urlPathEqualTo("/q/health/ready")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody(READY_UP)));
        }
        fake("selftest").register(get(urlPathEqualTo("/health/loop-qa")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"overall_status\":\"green\"}")));
    }

    @Test
    void allReadyMeansUpWithEveryServiceListed() {
        given().header("Authorization", READ_KEY).get("/api/status")
                .then().statusCode(200)
                .body("status", is("UP"))
                .body("checked_at", notNullValue())
                .body("services.size()", is(4))
                .body("services.find { it.name == 'variant-service' }.status", is("UP"))
                .body("services.find { it.name == 'variant-service' }.checks[0].status", is("UP"))
                .body("services.find { it.name == 'selftest-service' }.status", is("UP"))
                .body("capabilities", is("green"));
    }

    @Test
    void aServiceThatIsNotReadyMakesTheSuiteDegraded() {
        fake("run").register(get(urlPathEqualTo("/q/health/ready")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"DOWN\",\"checks\":[{\"name\":\"Redis connection health check\",\"status\":\"DOWN\"}]}")));

        given().header("Authorization", READ_KEY).get("/api/status")
                .then().statusCode(200)
                .body("status", is("DEGRADED"))
                .body("services.find { it.name == 'run-service' }.status", is("DOWN"))
                .body("services.find { it.name == 'run-service' }.http_status", is(503))
                .body("services.find { it.name == 'verify-service' }.status", is("UP"));
    }

    @Test
    void aSlowServiceIsReportedWithoutHoldingTheAnswer() {
        // Far longer than the status timeout: an answer that waited for it would take 20 s.
        fake("verify").register(get(urlPathEqualTo("/q/health/ready")).willReturn(aResponse().withStatus(200)
                .withFixedDelay(20_000).withBody(READY_UP)));

        given().header("Authorization", READ_KEY).get("/api/status")
                .then().statusCode(200)
                .body("status", is("DEGRADED"))
                .body("services.find { it.name == 'verify-service' }.status", is("UNREACHABLE"))
                .body("services.find { it.name == 'variant-service' }.status", is("UP"))
                // The answer comes when the slow probe times out, not when the slow service answers; the margin
                // allows for a busy machine, and is still far below the 20 s.
                .time(allOf(greaterThanOrEqualTo(statusTimeout.toMillis() - 100),
                        lessThan(statusTimeout.toMillis() + 3_000)), TimeUnit.MILLISECONDS);
    }
}
