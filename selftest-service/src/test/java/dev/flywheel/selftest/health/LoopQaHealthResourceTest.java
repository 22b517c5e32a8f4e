package dev.flywheel.selftest.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.flywheel.selftest.capability.Capability;
import dev.flywheel.selftest.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LoopQaHealthResourceTest {

    @Inject
    TestDatabase database;

    @BeforeEach
    void freshState() {
        database.reset();
    }

    @Test
    @DisplayName("seed test_loop_qa_health_json: JSON snapshot with six capabilities")
    void theJsonSnapshotListsSixCapabilities() {
        given().get("/health/loop-qa").then().statusCode(200)
                .contentType(startsWith("application/json"))
                .header("Cache-Control", is("no-store"))
                .body("overall_status", is("green"))
                .body("checked_at", notNullValue())
                .body("capabilities", hasSize(6))
                .body("capabilities.capability", contains("tool_use", "multistep_planning", "memory_read",
                        "memory_write", "self_coding", "lightning_econ"))
                .body("capabilities.status", everyItem(is("green")));
    }

    @Test
    void theJsonSnapshotReflectsTheStoredStreaks() {
        database.setFailures(Capability.TOOL_USE, 2);
        database.setFailures(Capability.MEMORY_READ, 4);

        given().get("/health/loop-qa").then().statusCode(200)
                .body("overall_status", is("red"))
                .body("capabilities.find { it.capability == 'tool_use' }.status", is("yellow"))
                .body("capabilities.find { it.capability == 'tool_use' }.consecutive_failures", is(2))
                .body("capabilities.find { it.capability == 'memory_read' }.status", is("red"))
                .body("capabilities.find { it.capability == 'self_coding' }.last_run_at", is((Object) null));
    }

    @Test
    @DisplayName("seed test_loop_qa_health_partial: the partial is an HTML fragment")
    void thePartialIsAnHtmxFragmentThatRefreshesItself() {
        String html = given().get("/health/loop-qa/partial").then().statusCode(200)
                .contentType(startsWith("text/html"))
                .header("Cache-Control", is("no-store"))
                .extract().asString();

        assertThat(html).doesNotContain("<html").contains("hx-get=\"/health/loop-qa/partial\"")
                .contains("hx-trigger=\"every 30s\"").contains("hx-swap=\"outerHTML\"");
        for (Capability capability : Capability.values()) {
            assertThat(html).contains("data-capability=\"" + capability.value() + "\"");
        }
        // One row per capability; the gateway's dashboard finds them by this class.
        assertThat(html.split("<tr class=\"capability-row\"", -1)).hasSize(Capability.values().length + 1);
    }

    @Test
    void thePartialShowsEachStatusBadgeAndEscapesTheLastDetails() {
        database.setFailures(Capability.SELF_CODING, 3);
        database.count("update capability_state set last_details = $1, last_error_type = 'NoteMismatch'"
                + " where capability = 'self_coding' returning 1", "<script>alert(1)</script>");

        given().get("/health/loop-qa/partial").then().statusCode(200)
                .body(containsString("badge-red"))
                .body(containsString("badge-green"))
                .body(containsString("NoteMismatch"))
                .body(containsString("&lt;script&gt;"))
                .body(not(containsString("<script>")));
    }

    @Test
    void theCapabilitiesHealthGroupIsDownWhileACapabilityIsRed() {
        given().get("/q/health/group/capabilities").then().statusCode(200)
                .body("status", is("UP"))
                .body("checks[0].data.overall_status", is("green"));

        database.setFailures(Capability.MULTISTEP_PLANNING, 3);

        given().get("/q/health/group/capabilities").then().statusCode(503)
                .header("Cache-Control", is("no-store"))
                .body("status", is("DOWN"))
                .body("checks[0].data.multistep_planning", is("red"));
    }

    @Test
    void aRedCapabilityNeverTouchesLivenessOrReadiness() {
        database.setFailures(Capability.MULTISTEP_PLANNING, 9);

        given().get("/q/health/live").then().statusCode(200)
                .body("checks.name", not(contains("loop-qa capabilities")));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", everyItem(not(is("loop-qa capabilities"))));
    }
}
