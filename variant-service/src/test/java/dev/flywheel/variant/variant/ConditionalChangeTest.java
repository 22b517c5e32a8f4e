package dev.flywheel.variant.variant;

import static dev.flywheel.variant.TestData.agent;
import static dev.flywheel.variant.TestData.createAgent;
import static dev.flywheel.variant.TestData.createVariant;
import static dev.flywheel.variant.TestData.json;
import static dev.flywheel.variant.TestData.variant;
import static dev.flywheel.variant.TestData.with;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SPEC §10: agents and variants carry an ETag; PATCH and DELETE honour If-Match, so no edit is lost unknowingly. */
@QuarkusTest
class ConditionalChangeTest {

    private static final String STRONG_TAG = "\"[0-9a-f]{32}\"";

    @Test
    void twoPeopleEditingOneVariantCannotOverwriteEachOther() {
        String agentId = createAgent();
        String variantId = createVariant(agentId, "Fast");
        String read = given().get("/api/agents/{a}/variants/{v}", agentId, variantId)
                .then().statusCode(200).header("ETag", matchesPattern(STRONG_TAG)).extract().header("ETag");

        Response first = json().header("If-Match", read).body(Map.of("description", "first"))
                .patch("/api/agents/{a}/variants/{v}", agentId, variantId);
        first.then().statusCode(200).body("description", is("first"));
        assertThat(first.header("ETag")).isNotEqualTo(read);

        json().header("If-Match", read).body(Map.of("description", "second"))
                .patch("/api/agents/{a}/variants/{v}", agentId, variantId)
                .then().statusCode(412).contentType(startsWith("application/problem+json")).body("status", is(412));
        given().get("/api/agents/{a}/variants/{v}", agentId, variantId).then().body("description", is("first"))
                .header("ETag", is(first.header("ETag")));
    }

    @Test
    void aStaleDeleteIsRefusedAndACurrentOneGoesThrough() {
        String agentId = createAgent();
        String variantId = createVariant(agentId, "Slow");
        String read = given().get("/api/agents/{a}/variants/{v}", agentId, variantId).header("ETag");
        String activated = given().post("/api/agents/{a}/variants/{v}/activate", agentId, variantId)
                .then().statusCode(200).extract().header("ETag");
        assertThat(activated).as("activation is a change of the variant").isNotEqualTo(read);

        given().header("If-Match", read).delete("/api/agents/{a}/variants/{v}", agentId, variantId)
                .then().statusCode(412);
        // A weak tag never matches If-Match (RFC 9110 §13.1.1: strong comparison).
        given().header("If-Match", "W/" + activated).delete("/api/agents/{a}/variants/{v}", agentId, variantId)
                .then().statusCode(412);
        given().header("If-Match", "\"other\", " + activated).delete("/api/agents/{a}/variants/{v}", agentId, variantId)
                .then().statusCode(204);
    }

    @Test
    void agentsCarryAnETagThatEveryEditChanges() {
        String agentId = createAgent();
        Response created = json().body(agent()).post("/api/agents");
        created.then().statusCode(201).header("ETag", matchesPattern(STRONG_TAG));
        String read = given().get("/api/agents/{a}", agentId).then().header("ETag", matchesPattern(STRONG_TAG))
                .extract().header("ETag");

        String edited = json().header("If-Match", read).body(Map.of("description", "edited"))
                .patch("/api/agents/{a}", agentId).then().statusCode(200).extract().header("ETag");
        json().header("If-Match", read).body(Map.of("description", "lost"))
                .patch("/api/agents/{a}", agentId).then().statusCode(412);
        given().header("If-Match", read).delete("/api/agents/{a}", agentId).then().statusCode(412);
        given().header("If-Match", edited).delete("/api/agents/{a}", agentId).then().statusCode(204);
    }

    @Test
    void withoutIfMatchAChangeIsUnconditionalAsBefore() {
        String agentId = createAgent(with(agent(), "description", "plain"));
        json().body(Map.of("description", "changed")).patch("/api/agents/{a}", agentId).then().statusCode(200);
        given().header("If-Match", "*").delete("/api/agents/{a}", agentId).then().statusCode(204);
    }

    @Test
    void aNoOpEditKeepsTheTag() {
        String agentId = createAgent();
        String variantId = createVariant(agentId, variant("Same"));
        String read = given().get("/api/agents/{a}/variants/{v}", agentId, variantId).header("ETag");
        json().header("If-Match", read).body(Map.of("variant_name", "Same"))
                .patch("/api/agents/{a}/variants/{v}", agentId, variantId)
                .then().statusCode(200).header("ETag", is(read));
    }
}
