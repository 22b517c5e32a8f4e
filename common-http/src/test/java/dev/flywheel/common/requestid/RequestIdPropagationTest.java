package dev.flywheel.common.requestid;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RequestIdPropagationTest {

    @Test
    void theIncomingRequestIdIsPassedOnToPeersCalledThroughRestClients() {
        given().header("X-Request-Id", "relay-42").get("/test/request-id/via-peer")
                .then().statusCode(200).body(is("relay-42")).header("X-Request-Id", is("relay-42"));
    }
}
