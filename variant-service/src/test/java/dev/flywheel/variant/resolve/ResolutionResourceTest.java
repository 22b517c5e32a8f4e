package dev.flywheel.variant.resolve;

import static dev.flywheel.variant.TestData.CONFIG_FIELDS;
import static dev.flywheel.variant.TestData.activate;
import static dev.flywheel.variant.TestData.createAgent;
import static dev.flywheel.variant.TestData.createVariant;
import static dev.flywheel.variant.TestData.fullAgent;
import static dev.flywheel.variant.TestData.json;
import static dev.flywheel.variant.TestData.variant;
import static dev.flywheel.variant.TestData.with;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.common.events.Channels;
import dev.flywheel.common.events.CloudEvent;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ResolutionResourceTest {

    @Inject
    Channels channels;

    @Inject
    Pool pool;
    @Inject
    RedisDataSource redis;
    @Inject
    ObjectMapper mapper;

    @Test
    void withNoActiveVariantTheBaseConfigIsResolvedWithANullVariantId() {
        Map<String, Object> agent = fullAgent();
        String agentId = createAgent(agent);
        createVariant(agentId, with(variant("inactive"), "model_name", "never-used"));
        Map<String, Object> resolved = given().get("/api/agents/{a}/resolved-config", agentId).then().statusCode(200)
                .body("agent_id", is(agentId))
                .body("variant_id", nullValue())
                .extract().jsonPath().getMap("");
        assertThat(resolved.keySet()).containsExactlyInAnyOrderElementsOf(
                concat(List.of("agent_id", "variant_id"), CONFIG_FIELDS));
        Map<String, Object> base = given().get("/api/agents/{a}", agentId).then().extract().jsonPath().getMap("");
        CONFIG_FIELDS.forEach(field -> assertThat(resolved.get(field)).as(field).isEqualTo(base.get(field)));
    }

    @Test
    void theActiveVariantsConfigIsResolvedByIdAndBySlug() {
        Map<String, Object> agent = fullAgent();
        String agentId = createAgent(agent);
        String slug = given().get("/api/agents/{a}", agentId).path("slug");
        String variantId = createVariant(agentId, with(with(variant("hot"), "temperature", 1.9), "model_name", "m2"));
        activate(agentId, variantId);
        Map<String, Object> variant = given().get("/api/agents/{a}/variants/{v}", agentId, variantId)
                .then().extract().jsonPath().getMap("");
        for (String path : List.of("/api/agents/" + agentId + "/resolved-config",
                "/api/agents/by-slug/" + slug + "/resolved-config")) {
            Map<String, Object> resolved = given().get(path).then().statusCode(200)
                    .body("agent_id", is(agentId)).body("variant_id", is(variantId))
                    .extract().jsonPath().getMap("");
            CONFIG_FIELDS.forEach(field -> assertThat(resolved.get(field)).as(field).isEqualTo(variant.get(field)));
        }
    }

    @Test
    void resolutionReflectsActivationDeactivationAndEditsAtOnce() {
        String agentId = createAgent();
        String slug = given().get("/api/agents/{a}", agentId).path("slug");
        String first = createVariant(agentId, with(variant("first"), "model_name", "first-model"));
        String second = createVariant(agentId, with(variant("second"), "model_name", "second-model"));
        resolved(agentId, slug, null, "llama3");

        activate(agentId, first);
        resolved(agentId, slug, first, "first-model");
        activate(agentId, second);
        resolved(agentId, slug, second, "second-model");

        json().body(Map.of("model_name", "second-edited")).patch("/api/agents/{a}/variants/{v}", agentId, second)
                .then().statusCode(200);
        resolved(agentId, slug, second, "second-edited");

        given().post("/api/agents/{a}/variants/deactivate", agentId).then().statusCode(204);
        resolved(agentId, slug, null, "llama3");
        json().body(Map.of("model_name", "base-edited")).patch("/api/agents/{a}", agentId).then().statusCode(200);
        resolved(agentId, slug, null, "base-edited");
    }

    @Test
    void aVariantChangedEventFromAnotherReplicaEvictsTheCachedConfig() throws Exception {
        // Inserted behind the service's back: an agent made through the API would announce itself, and that
        // event could evict the cache at any moment of this test.
        String agentId = UUID.randomUUID().toString();
        pool.preparedQuery("insert into agents (id, name, slug, model_name) values ($1, $2, $3, 'llama3')")
                .execute(Tuple.of(UUID.fromString(agentId), "Quiet " + agentId, "quiet-" + agentId))
                .await().atMost(Duration.ofSeconds(5));
        given().get("/api/agents/{a}/resolved-config", agentId).then().body("model_name", is("llama3"));
        // Another replica's write: the database changes without this replica's local eviction.
        pool.preparedQuery("update agents set model_name = 'changed-elsewhere' where id = $1")
                .execute(Tuple.of(UUID.fromString(agentId))).await().atMost(Duration.ofSeconds(5));
        given().get("/api/agents/{a}/resolved-config", agentId).then().body("model_name", is("llama3"));

        CloudEvent changed = CloudEvent.of("variant-service", "variant.changed",
                mapper.valueToTree(Map.of("agent_id", agentId, "action", "update")));
        redis.pubsub(String.class).publish(channels.live("variant-service"), mapper.writeValueAsString(changed));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/agents/{a}/resolved-config", agentId)
                .then().body("model_name", is("changed-elsewhere")));
    }

    @Test
    void garbageOnTheChannelIsIgnoredAndTheListenerKeepsWorking() throws Exception {
        redis.pubsub(String.class).publish(channels.live("variant-service"), "{not an envelope");
        aVariantChangedEventFromAnotherReplicaEvictsTheCachedConfig();
    }

    @Test
    void anUnknownAgentIs404OnBothResolutionPaths() {
        given().get("/api/agents/{a}/resolved-config", UUID.randomUUID()).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().get("/api/agents/by-slug/{s}/resolved-config", "nobody-" + UUID.randomUUID()).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void theSeededDefaultAgentResolvesToTheEchoAdapter() {
        given().get("/api/agents/by-slug/default/resolved-config").then().statusCode(200)
                .body("agent_id", is("00000000-0000-0000-0000-000000000001"))
                .body("model_provider", is("echo"));
    }

    private static void resolved(String agentId, String slug, String variantId, String modelName) {
        for (String path : List.of("/api/agents/" + agentId + "/resolved-config",
                "/api/agents/by-slug/" + slug + "/resolved-config")) {
            given().get(path).then().statusCode(200)
                    .body("variant_id", variantId == null ? nullValue() : is(variantId))
                    .body("model_name", is(modelName));
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
