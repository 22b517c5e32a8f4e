package dev.flywheel.variant.audit;

import static dev.flywheel.variant.TestData.agent;
import static dev.flywheel.variant.TestData.createAgent;
import static dev.flywheel.variant.TestData.createVariant;
import static dev.flywheel.variant.TestData.json;
import static dev.flywheel.variant.TestData.variant;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.flywheel.common.events.Channels;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditResourceTest {

    @Inject
    Channels channels;

    @Inject
    RedisDataSource redis;

    @Test
    void everyChangeLeavesAnAuditRowNewestFirst() {
        String agentId = createAgent();
        String a = createVariant(agentId, "a");
        String clone = json().body(Map.of("variant_name", "a clone")).post("/api/agents/{a}/variants/{v}/clone", agentId, a)
                .then().statusCode(201).extract().path("id");
        json().body(Map.of("max_tokens", 5)).patch("/api/agents/{a}/variants/{v}", agentId, a).then().statusCode(200);
        given().post("/api/agents/{a}/variants/{v}/activate", agentId, a).then().statusCode(200);
        given().post("/api/agents/{a}/variants/{v}/activate", agentId, clone).then().statusCode(200);
        given().post("/api/agents/{a}/variants/deactivate", agentId).then().statusCode(204);
        given().delete("/api/agents/{a}/variants/{v}", agentId, clone).then().statusCode(204);
        json().body(Map.of("description", "now documented")).patch("/api/agents/{a}", agentId).then().statusCode(200);

        given().get("/api/agents/{a}/audit", agentId).then().statusCode(200)
                .body("items.action", contains("update", "delete", "deactivate", "activate", "activate", "update",
                        "clone", "create", "create"))
                .body("items.variant_id", contains(null, clone, clone, clone, a, a, clone, a, null))
                .body("items[0].before.description", is(""))
                .body("items[0].after.description", is("now documented"))
                .body("items[1].before.variant_name", is("a clone"))
                .body("items[1].after", nullValue())
                .body("items[2].before.active_variant_id", is(clone))
                .body("items[2].after.active_variant_id", nullValue())
                .body("items[3].before.active_variant_id", is(a))
                .body("items[3].after.active_variant_id", is(clone))
                .body("items[4].before.active_variant_id", nullValue())
                .body("items[5].before.max_tokens", is(32768))
                .body("items[5].after.max_tokens", is(5))
                .body("items[6].before", nullValue())
                .body("items[6].after.variant_name", is("a clone"))
                .body("items[8].after.model_name", is("llama3"));
    }

    @Test
    void theAuditRowSaysWhoAndWhichRequest() {
        String requestId = "audit-" + UUID.randomUUID();
        String agentId = given().header("X-Actor", "alice@example.com").header("X-Request-Id", requestId)
                .contentType("application/json").body(agent()).post("/api/agents")
                .then().statusCode(201).extract().path("id");
        given().get("/api/agents/{a}/audit", agentId).then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].actor", is("alice@example.com"))
                .body("items[0].request_id", is(requestId))
                .body("items[0].agent_id", is(agentId))
                .body("items[0].created_at", notNullValue());
        String other = createAgent();
        given().get("/api/agents/{a}/audit", other).then().body("items[0].actor", is("anonymous"));
    }

    @Test
    void changesThatChangeNothingLeaveNoAuditRow() {
        String agentId = createAgent();
        String variantId = createVariant(agentId, "steady");
        given().post("/api/agents/{a}/variants/deactivate", agentId).then().statusCode(204);
        json().body(Map.of()).patch("/api/agents/{a}", agentId).then().statusCode(200);
        json().body(Map.of("variant_name", "steady")).patch("/api/agents/{a}/variants/{v}", agentId, variantId)
                .then().statusCode(200);
        given().get("/api/agents/{a}/audit", agentId).then().body("items.action", contains("create", "create"));
    }

    @Test
    void theHistoryOfADeletedAgentStaysReadable() {
        String agentId = createAgent();
        given().delete("/api/agents/{a}", agentId).then().statusCode(204);
        given().get("/api/agents/{a}/audit", agentId).then().statusCode(200)
                .body("items.action", contains("delete", "create"))
                .body("items[0].before.id", is(agentId));
    }

    @Test
    void theAuditTrailPagesWithACursorAndUnknownAgentsAre404() {
        String agentId = createAgent();
        for (int i = 0; i < 4; i++) {
            createVariant(agentId, "v" + i);
        }
        List<String> ids = new ArrayList<>();
        Response first = given().queryParam("limit", 3).get("/api/agents/{a}/audit", agentId);
        first.then().statusCode(200).body("items", hasSize(3)).body("next_cursor", notNullValue());
        ids.addAll(first.path("items.id"));
        Response second = given().queryParam("limit", 3).queryParam("cursor", first.<String>path("next_cursor"))
                .get("/api/agents/{a}/audit", agentId);
        second.then().statusCode(200).body("items", hasSize(2)).body("next_cursor", nullValue());
        ids.addAll(second.path("items.id"));
        assertThat(ids).doesNotHaveDuplicates().hasSize(5);

        given().get("/api/agents/{a}/audit", UUID.randomUUID()).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().get("/api/agents/by-slug/default").then().statusCode(200);
        given().get("/api/agents/{a}/audit", "00000000-0000-0000-0000-000000000001").then().statusCode(200);
        given().queryParam("limit", 501).get("/api/agents/{a}/audit", agentId).then().statusCode(400);
    }

    @Test
    void everyChangeIsAnnouncedAsVariantChangedOnTheServiceStream() {
        String agentId = createAgent();
        String variantId = createVariant(agentId, variant("announced").get("variant_name").toString());
        given().post("/api/agents/{a}/variants/{v}/activate", agentId, variantId).then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                redis.stream(String.class).xrevrange(channels.stream("variant-service"), StreamRange.of("+", "-"), 200))
                .anySatisfy(entry -> {
                    assertThat(entry.payload().get("type")).isEqualTo("variant.changed");
                    assertThat(entry.payload().get("envelope")).contains(agentId).contains(variantId)
                            .contains("\"action\":\"activate\"");
                }));
    }
}
