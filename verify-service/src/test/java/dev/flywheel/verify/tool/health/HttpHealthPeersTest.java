package dev.flywheel.verify.tool.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The default allow-list takes in the hosts of the FLYWHEEL_*_URL peers, as compose and Kubernetes set
 * them (short service names, several URLs for replicas). The names end in .invalid so they never
 * resolve: a peer fails on the lookup, past the allow-list; any other host never gets that far.
 */
@QuarkusTest
@TestProfile(HttpHealthPeersTest.Peers.class)
class HttpHealthPeersTest {

    public static class Peers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("FLYWHEEL_SELFTEST_URL", "http://selftest-service.invalid:8081",
                    "FLYWHEEL_RUN_URL", "http://run-a.invalid:8083,http://run-b.invalid:8083");
        }
    }

    private static ValidatableResponse check(String url) {
        return given().contentType(ContentType.JSON).body(Map.of("url", url))
                .post("/api/tools/http_health/execute").then().statusCode(200).body("success", is(false));
    }

    @Test
    void thePeersHostsPassTheAllowList() {
        check("http://selftest-service.invalid:8081/q/health/ready").body("error", not(containsString("not allowed")));
        check("http://run-a.invalid:8083/q/health/ready").body("error", not(containsString("not allowed")));
        check("http://run-b.invalid:8083/q/health/ready").body("error", not(containsString("not allowed")));
    }

    @Test
    void otherHostsDoNot() {
        check("http://variant-service.invalid:8082/q/health/ready")
                .body("error", containsString("host variant-service.invalid is not allowed"));
    }
}
