package dev.flywheel.selftest.api;

import static org.hamcrest.Matchers.containsString;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.flywheel.selftest.capability.Capability;
import dev.flywheel.selftest.support.InjectWireMock;
import dev.flywheel.selftest.support.TestDatabase;
import dev.flywheel.selftest.support.WireMockPeers;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operator API over HTTP: the service's own orchestrator (disabled in tests) and the listings. */
@QuarkusTest
@WithTestResource(value = WireMockPeers.class, scope = TestResourceScope.GLOBAL)
class SelftestResourceTest {

    @InjectWireMock
    WireMockServer peers;
    @Inject
    TestDatabase database;

    @BeforeEach
    void freshState() {
        database.reset();
        peers.resetAll();
    }

    @Test
    void runNextAnswersThatTheDisabledLoopRanNothing() {
        given().post("/api/selftest/run-next").then().statusCode(200)
                .body("ran", is(false))
                .body("skipped_because", is("disabled"))
                .body("result", nullValue());
    }

    @Test
    void runAllRunsTheSixProbesAndRecordsThem() {
        peers.stubFor(post(urlEqualTo("/api/tools/http_health/execute")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"tool\":\"http_health\",\"success\":true,\"output\":{\"status\":\"UP\"}}")));
        peers.stubFor(post(urlEqualTo("/api/experiments")).willReturn(aResponse().withStatus(503)));

        given().post("/api/selftest/run-all").then().statusCode(200)
                .body("results", hasSize(6))
                .body("results.capability", contains("tool_use", "multistep_planning", "memory_write", "memory_read",
                        "self_coding", "lightning_econ"))
                .body("results.find { it.capability == 'tool_use' }.success", is(true))
                .body("results.find { it.capability == 'multistep_planning' }.success", is(false))
                .body("results.find { it.capability == 'multistep_planning' }.error_type", is("UpstreamUnavailable"))
                .body("results.find { it.capability == 'memory_read' }.success", is(true))
                .body("results.trigger", everyItem(is("run_all")));

        given().get("/api/selftest/events").then().statusCode(200).body("items", hasSize(6));
        given().get("/health/loop-qa").then().statusCode(200)
                .body("capabilities.find { it.capability == 'multistep_planning' }.consecutive_failures", is(1))
                .body("capabilities.find { it.capability == 'multistep_planning' }.last_details",
                        startsWith("run-service is unavailable"));
    }

    @Test
    void eventsArePagedNewestFirstWithAnOpaqueCursor() {
        runAllWithPeersDown();
        runAllWithPeersDown();

        Response first = given().queryParam("limit", 5).get("/api/selftest/events");
        first.then().statusCode(200).body("items", hasSize(5)).body("next_cursor", notNullValue())
                .body("items[0].capability", is("lightning_econ"));
        String cursor = first.path("next_cursor");

        given().queryParam("limit", 5).queryParam("cursor", cursor).get("/api/selftest/events").then()
                .statusCode(200).body("items", hasSize(5)).body("next_cursor", notNullValue());
        given().queryParam("limit", 500).queryParam("cursor", cursor).get("/api/selftest/events").then()
                .statusCode(200).body("items", hasSize(7)).body("next_cursor", nullValue());
    }

    @Test
    void eventsCanBeFilteredByCapability() {
        runAllWithPeersDown();
        runAllWithPeersDown();

        given().queryParam("capability", "tool_use").get("/api/selftest/events").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items.capability", everyItem(is("tool_use")))
                .body("items.success", everyItem(is(false)))
                .body("items.error_type", everyItem(is("UpstreamUnavailable")));
    }

    @Test
    void badListParametersAreProblemsNamingTheField() {
        expectBadField(given().queryParam("limit", "abc").get("/api/selftest/events"), "limit");
        expectBadField(given().queryParam("limit", 0).get("/api/selftest/events"), "limit");
        expectBadField(given().queryParam("limit", 501).get("/api/selftest/events"), "limit");
        expectBadField(given().queryParam("cursor", "not-a-cursor").get("/api/selftest/events"), "cursor");
        expectBadField(given().queryParam("capability", "teleport").get("/api/selftest/events"), "capability");
        expectBadField(given().queryParam("status", "maybe").get("/api/selftest/proposals"), "status");
        expectBadField(given().queryParam("capability", "TOOL_USE").get("/api/selftest/proposals"), "capability");
    }

    @Test
    void proposalsAreListedAndFilteredByStatus() {
        database.openProposal(Capability.TOOL_USE);
        database.openProposal(Capability.MEMORY_READ);
        database.count("update proposals set status = 'resolved', resolved_at = now()"
                + " where capability = 'memory_read' returning 1");

        given().get("/api/selftest/proposals").then().statusCode(200)
                .body("items", hasSize(2)).body("next_cursor", nullValue());
        given().queryParam("status", "open").get("/api/selftest/proposals").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].capability", is("tool_use"))
                .body("items[0].title", is("Upgrade proposal: TOOL_USE"))
                .body("items[0].resolved_at", nullValue());
        given().queryParam("capability", "memory_read").get("/api/selftest/proposals").then().statusCode(200)
                .body("items.status", contains("resolved"));
    }

    @Test
    void proposalsFiledByTheLoopAppearInTheListing() {
        for (int i = 0; i < 3; i++) {
            runAllWithPeersDown();
        }

        given().queryParam("status", "open").get("/api/selftest/proposals").then().statusCode(200)
                .body("items.capability", hasItem("tool_use"))
                .body("items.capability", hasItem("multistep_planning"))
                .body("items.find { it.capability == 'tool_use' }.title", containsString("TOOL_USE"))
                .body("items.find { it.capability == 'tool_use' }.failures_at_filing", is(3));
    }

    private void runAllWithPeersDown() {
        peers.stubFor(post(urlEqualTo("/api/tools/http_health/execute")).willReturn(aResponse().withStatus(500)));
        peers.stubFor(post(urlEqualTo("/api/experiments")).willReturn(aResponse().withStatus(500)));
        given().post("/api/selftest/run-all").then().statusCode(200);
    }

    private static void expectBadField(Response response, String field) {
        response.then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("status", is(400))
                .body("errors.field", contains(field));
    }
}
