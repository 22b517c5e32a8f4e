package dev.flywheel.variant.variant;

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
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class VariantResourceTest {

    @Test
    void aNewVariantCopiesTheFieldsItLeavesOutFromTheBaseConfigAsItIsThen() {
        String agentId = createAgent(fullAgent());
        Response created = json().body(with(variant("Fast & Cheap!"), "model_name", "gpt-4o-nano"))
                .post("/api/agents/{a}/variants", agentId);
        created.then().statusCode(201)
                .header("Location", endsWith("/api/agents/" + agentId + "/variants/" + created.path("id")))
                .body("agent_id", is(agentId))
                .body("variant_slug", is("fast-cheap"))
                .body("is_active", is(false))
                .body("model_name", is("gpt-4o-nano"))
                .body("model_provider", is("openai"))
                .body("temperature", is(0.7f))
                .body("max_retries", is(4));

        json().body(Map.of("temperature", 0.1)).patch("/api/agents/{a}", agentId).then().statusCode(200);
        given().get("/api/agents/{a}/variants/{v}", agentId, created.<String>path("id")).then().statusCode(200)
                .body("temperature", is(0.7f));
    }

    @Test
    void anExplicitVariantSlugWinsAndSlugsAreUniqueWithinAnAgentOnly() {
        String agentId = createAgent();
        json().body(with(variant("Anything"), "variant_slug", "my-slug")).post("/api/agents/{a}/variants", agentId)
                .then().statusCode(201).body("variant_slug", is("my-slug"));
        json().body(variant("My Slug")).post("/api/agents/{a}/variants", agentId).then().statusCode(409)
                .contentType(startsWith("application/problem+json"));
        json().body(variant("My Slug")).post("/api/agents/{a}/variants", createAgent()).then().statusCode(201)
                .body("variant_slug", is("my-slug"));
    }

    @Test
    void invalidVariantsAnswer400WithTheFieldNames() {
        String agentId = createAgent();
        json().body(Map.of("temperature", 3, "max_tokens", 0)).post("/api/agents/{a}/variants", agentId)
                .then().statusCode(400)
                .body("errors.field", hasItems("variant_name", "temperature", "max_tokens"));
        json().body(variant("x".repeat(201))).post("/api/agents/{a}/variants", agentId).then().statusCode(400)
                .body("errors.field", hasItem("variant_name"));
        json().body(variant("!!!")).post("/api/agents/{a}/variants", agentId).then().statusCode(400)
                .body("errors.field", hasItem("variant_name"));
        json().body(with(variant("ok"), "variant_slug", "-bad-")).post("/api/agents/{a}/variants", agentId)
                .then().statusCode(400).body("errors.field", hasItem("variant_slug"));
        json().body("[1, 2").post("/api/agents/{a}/variants", agentId).then().statusCode(400);
    }

    @Test
    void variantsOfAnUnknownAgentOrOfAnotherAgentAre404() {
        String agentId = createAgent();
        String other = createAgent();
        String variantId = createVariant(other, "theirs");
        UUID unknown = UUID.randomUUID();
        json().body(variant("v")).post("/api/agents/{a}/variants", unknown).then().statusCode(404);
        given().get("/api/agents/{a}/variants", unknown).then().statusCode(404);
        given().get("/api/agents/{a}/variants/{v}", agentId, variantId).then().statusCode(404);
        json().body(Map.of("description", "x")).patch("/api/agents/{a}/variants/{v}", agentId, variantId)
                .then().statusCode(404);
        given().delete("/api/agents/{a}/variants/{v}", agentId, variantId).then().statusCode(404);
        given().post("/api/agents/{a}/variants/{v}/activate", agentId, variantId).then().statusCode(404);
        given().post("/api/agents/{a}/variants/deactivate", unknown).then().statusCode(404);
        json().body(variant("c")).post("/api/agents/{a}/variants/{v}/clone", agentId, variantId).then().statusCode(404);
        json().body(variant("c")).post("/api/agents/{a}/clone", unknown).then().statusCode(404);
    }

    @Test
    void theVariantListPagesThroughEveryVariantOfTheAgent() {
        String agentId = createAgent();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(createVariant(agentId, "v" + i));
        }
        List<String> seen = new ArrayList<>();
        Response first = given().queryParam("limit", 3).get("/api/agents/{a}/variants", agentId);
        first.then().statusCode(200).body("items", hasSize(3)).body("next_cursor", not(nullValue()));
        seen.addAll(first.path("items.id"));
        Response second = given().queryParam("limit", 3).queryParam("cursor", first.<String>path("next_cursor"))
                .get("/api/agents/{a}/variants", agentId);
        second.then().statusCode(200).body("items", hasSize(2)).body("next_cursor", nullValue());
        seen.addAll(second.path("items.id"));
        assertThat(seen).containsExactlyElementsOf(ids);
        given().queryParam("limit", 0).get("/api/agents/{a}/variants", agentId).then().statusCode(400);
    }

    @Test
    void patchChangesOnlyTheFieldsSentAndIsIdempotent() {
        String agentId = createAgent(fullAgent());
        String variantId = createVariant(agentId, "Tuned");
        Map<String, Object> before = given().get("/api/agents/{a}/variants/{v}", agentId, variantId)
                .then().extract().jsonPath().getMap("");
        Map<String, Object> patch = Map.of("max_tokens", 10, "prompt_version", "v9", "variant_name", "Tuned again");
        Map<String, Object> once = json().body(patch).patch("/api/agents/{a}/variants/{v}", agentId, variantId)
                .then().statusCode(200).extract().jsonPath().getMap("");
        Map<String, Object> twice = json().body(patch).patch("/api/agents/{a}/variants/{v}", agentId, variantId)
                .then().statusCode(200).extract().jsonPath().getMap("");
        assertThat(twice).isEqualTo(once);
        assertThat(once).containsEntry("max_tokens", 10).containsEntry("prompt_version", "v9")
                .containsEntry("variant_name", "Tuned again")
                .containsEntry("variant_slug", before.get("variant_slug"));
        for (String field : CONFIG_FIELDS) {
            if (!patch.containsKey(field)) {
                assertThat(once.get(field)).as(field).isEqualTo(before.get(field));
            }
        }
        assertThat(json().body(Map.of()).patch("/api/agents/{a}/variants/{v}", agentId, variantId)
                .then().statusCode(200).extract().jsonPath().getMap("")).isEqualTo(once);
    }

    @Test
    void patchingAVariantSlugToOneTheAgentUsesIsAConflict() {
        String agentId = createAgent();
        createVariant(agentId, "alpha");
        String beta = createVariant(agentId, "beta");
        json().body(Map.of("variant_slug", "alpha")).patch("/api/agents/{a}/variants/{v}", agentId, beta)
                .then().statusCode(409);
        json().body(Map.of("variant_slug", "gamma")).patch("/api/agents/{a}/variants/{v}", agentId, beta)
                .then().statusCode(200).body("variant_slug", is("gamma"));
        json().body(Map.of("variant_name", " ")).patch("/api/agents/{a}/variants/{v}", agentId, beta)
                .then().statusCode(400).body("errors.field", hasItem("variant_name"));
        json().body(Map.of("max_retries", -1)).patch("/api/agents/{a}/variants/{v}", agentId, beta)
                .then().statusCode(400).body("errors.field", hasItem("max_retries"));
    }

    @Test
    void deletingAVariantRemovesIt() {
        String agentId = createAgent();
        String variantId = createVariant(agentId, "doomed");
        given().delete("/api/agents/{a}/variants/{v}", agentId, variantId).then().statusCode(204);
        given().get("/api/agents/{a}/variants/{v}", agentId, variantId).then().statusCode(404);
    }

    @Test
    void deletingAnAgentDeletesItsVariants() {
        String agentId = createAgent();
        String variantId = createVariant(agentId, "goes too");
        given().delete("/api/agents/{a}", agentId).then().statusCode(204);
        given().get("/api/agents/{a}/variants/{v}", agentId, variantId).then().statusCode(404);
    }

    @Test
    void cloningTheBaseConfigTakesOverridesAndKeepsEverythingElse() {
        Map<String, Object> agent = fullAgent();
        String agentId = createAgent(agent);
        Map<String, Object> overrides = new HashMap<>();
        overrides.put("temperature", 0.2);
        overrides.put("system_prompt", "Terse.");
        overrides.put("model_name", null);
        Response clone = json().body(Map.of("variant_name", "Cold", "description", "lower temperature",
                "overrides", overrides)).post("/api/agents/{a}/clone", agentId);
        clone.then().statusCode(201)
                .header("Location", endsWith("/variants/" + clone.path("id")))
                .body("is_active", is(false))
                .body("variant_slug", is("cold"))
                .body("description", is("lower temperature"))
                .body("temperature", is(0.2f))
                .body("system_prompt", is("Terse."))
                .body("model_name", is(agent.get("model_name")));
        for (String field : CONFIG_FIELDS) {
            if (!List.of("temperature", "system_prompt").contains(field)) {
                assertThat(clone.<Object>path(field)).as(field).isEqualTo(given().get("/api/agents/{a}", agentId)
                        .path(field));
            }
        }
    }

    @Test
    void cloningAVariantCopiesItAndTheCloneIsInactive() {
        String agentId = createAgent();
        String source = createVariant(agentId, with(with(variant("Source"), "max_tokens", 77), "model_provider", "anthropic"));
        activate(agentId, source);
        json().body(Map.of("variant_name", "Copy", "overrides", Map.of("max_retries", 9)))
                .post("/api/agents/{a}/variants/{v}/clone", agentId, source).then().statusCode(201)
                .body("is_active", is(false))
                .body("max_tokens", is(77))
                .body("model_provider", is("anthropic"))
                .body("max_retries", is(9));
        json().body(Map.of("variant_name", "Plain copy")).post("/api/agents/{a}/variants/{v}/clone", agentId, source)
                .then().statusCode(201).body("max_tokens", is(77));
        given().get("/api/agents/{a}/variants/{v}", agentId, source).then().body("is_active", is(true));
    }

    @Test
    void invalidClonesAnswer400Or409() {
        String agentId = createAgent();
        json().body(Map.of("overrides", Map.of("temperature", 9))).post("/api/agents/{a}/clone", agentId)
                .then().statusCode(400).body("errors.field", hasItems("variant_name", "overrides.temperature"));
        createVariant(agentId, "Taken");
        json().body(Map.of("variant_name", "taken")).post("/api/agents/{a}/clone", agentId).then().statusCode(409);
    }

    @Test
    void activatingSwitchesTheActiveVariantAndDeactivatingLeavesNone() {
        String agentId = createAgent();
        String a = createVariant(agentId, "a");
        String b = createVariant(agentId, "b");
        given().post("/api/agents/{a}/variants/{v}/activate", agentId, a).then().statusCode(200)
                .body("id", is(a)).body("is_active", is(true));
        assertThat(activeIds(agentId)).containsExactly(a);
        given().post("/api/agents/{a}/variants/{v}/activate", agentId, b).then().statusCode(200);
        assertThat(activeIds(agentId)).containsExactly(b);
        given().post("/api/agents/{a}/variants/{v}/activate", agentId, b).then().statusCode(200)
                .body("is_active", is(true));
        assertThat(activeIds(agentId)).containsExactly(b);
        given().post("/api/agents/{a}/variants/deactivate", agentId).then().statusCode(204);
        assertThat(activeIds(agentId)).isEmpty();
        given().post("/api/agents/{a}/variants/deactivate", agentId).then().statusCode(204);
        given().get("/api/agents/{a}/variants", agentId).then().body("items.variant_name", containsInAnyOrder("a", "b"));
    }

    @Test
    void deletingTheActiveVariantLeavesTheAgentOnItsBaseConfig() {
        String agentId = createAgent();
        String variantId = createVariant(agentId, with(variant("active one"), "model_name", "variant-model"));
        activate(agentId, variantId);
        given().get("/api/agents/{a}/resolved-config", agentId).then().body("model_name", is("variant-model"));
        given().delete("/api/agents/{a}/variants/{v}", agentId, variantId).then().statusCode(204);
        given().get("/api/agents/{a}/resolved-config", agentId).then().statusCode(200)
                .body("variant_id", nullValue()).body("model_name", is("llama3"));
    }

    static List<String> activeIds(String agentId) {
        return given().queryParam("limit", 500).get("/api/agents/{a}/variants", agentId).then().statusCode(200)
                .extract().path("items.findAll { it.is_active }.id");
    }
}
