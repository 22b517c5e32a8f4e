package dev.flywheel.gateway.routing;

import static dev.flywheel.gateway.GatewayTestSupport.READ_KEY;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import dev.flywheel.gateway.FakeServices;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(FakeServices.class)
@TestProfile(UnreachableServiceTest.VerifyIsDown.class)
class UnreachableServiceTest {

    public static class VerifyIsDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.upstreams.verify", "http://127.0.0.1:" + closedPort());
        }
    }

    @Test
    void aServiceThatIsDownIsA502ProblemNamingIt() {
        given().header("Authorization", READ_KEY).header("X-Request-Id", "down-1").get("/api/tools")
                .then().statusCode(502)
                .contentType(startsWith("application/problem+json"))
                .header("X-Request-Id", is("down-1"))
                .body("status", is(502))
                .body("detail", containsString("verify-service"));
    }

    @Test
    void theStatusReportNamesTheUnreachableService() {
        given().header("Authorization", READ_KEY).get("/api/status")
                .then().statusCode(200)
                .body("status", is("DEGRADED"))
                .body("services.find { it.name == 'verify-service' }.status", is("UNREACHABLE"));
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
