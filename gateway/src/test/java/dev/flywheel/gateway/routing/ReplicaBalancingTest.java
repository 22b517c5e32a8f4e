package dev.flywheel.gateway.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.flywheel.gateway.GatewayTestSupport.READ_KEY;
import static dev.flywheel.gateway.GatewayTestSupport.WRITE_KEY;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SPEC §10: a service given several URLs is balanced round-robin over the ready ones. */
@QuarkusTest
@WithTestResource(TwoRunReplicas.class)
class ReplicaBalancingTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @BeforeEach
    void bothReplicasUpAndReady() {
        if (!TwoRunReplicas.running(TwoRunReplicas.b)) {
            TwoRunReplicas.restartB();
        }
        for (WireMockServer replica : replicas()) {
            replica.resetAll();
            replica.stubFor(get(urlEqualTo("/q/health/ready")).willReturn(okJson("{\"status\":\"UP\"}")));
            String name = replica == TwoRunReplicas.a ? "a" : "b";
            replica.stubFor(get(urlPathEqualTo("/api/runs")).willReturn(okJson("{\"replica\":\"" + name + "\"}")));
            replica.stubFor(post(urlPathEqualTo("/api/experiments")).willReturn(okJson("{\"replica\":\"" + name + "\"}")
                    .withStatus(201)));
        }
        await().atMost(WAIT).until(() -> servedBy(4).containsAll(List.of("a", "b")));
        replicas().forEach(WireMockServer::resetRequests);
    }

    @Test
    void requestsAlternateBetweenTwoReadyReplicas() {
        List<String> served = servedBy(10);

        assertThat(served).containsOnly("a", "b");
        assertThat(served.stream().filter("a"::equals).count()).isEqualTo(5);
        for (int i = 1; i < served.size(); i++) {
            assertThat(served.get(i)).as("request %d", i).isNotEqualTo(served.get(i - 1));
        }
    }

    @Test
    void aReplicaThatIsDownIsSkippedWithoutAFailedRequestAndTriedAgainLater() {
        TwoRunReplicas.b.stop();

        // Not one request fails: a refused connection moves the request (a POST too) to the other replica.
        assertThat(servedBy(10)).containsOnly("a");
        given().header("Authorization", WRITE_KEY).contentType("application/json").body("{\"name\":\"x\"}")
                .post("/api/experiments").then().statusCode(201).body("replica", is("a"));

        TwoRunReplicas.restartB();
        bothReplicasUpAndReady();
        assertThat(servedBy(10)).containsOnly("a", "b").contains("b");
    }

    @Test
    void aReplicaThatIsNotReadyGetsNoRequestsUntilItIs() {
        TwoRunReplicas.b.stubFor(get(urlEqualTo("/q/health/ready")).willReturn(serviceUnavailable()));
        await().atMost(WAIT).until(() -> servedBy(6).stream().allMatch("a"::equals));

        TwoRunReplicas.b.resetRequests();
        assertThat(servedBy(10)).containsOnly("a");
        assertThat(TwoRunReplicas.b.countRequestsMatching(getRequestedFor(urlPathEqualTo("/api/runs")).build())
                .getCount()).isZero();

        TwoRunReplicas.b.stubFor(get(urlEqualTo("/q/health/ready")).willReturn(okJson("{\"status\":\"UP\"}")));
        await().atMost(WAIT).until(() -> servedBy(4).contains("b"));
    }

    @Test
    void aPostGoesToOneReplicaOnly() {
        given().header("Authorization", WRITE_KEY).contentType("application/json").body("{\"name\":\"x\"}")
                .post("/api/experiments").then().statusCode(201);

        long posts = replicas().stream().mapToLong(replica -> replica.countRequestsMatching(
                postRequestedFor(urlPathEqualTo("/api/experiments")).build()).getCount()).sum();
        assertThat(posts).isEqualTo(1);
    }

    private static List<WireMockServer> replicas() {
        return List.of(TwoRunReplicas.a, TwoRunReplicas.b);
    }

    private static List<String> servedBy(int requests) {
        return java.util.stream.IntStream.range(0, requests)
                .mapToObj(i -> given().header("Authorization", READ_KEY).get("/api/runs")
                        .then().statusCode(200).extract().jsonPath().getString("replica"))
                .toList();
    }
}
