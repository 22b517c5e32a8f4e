package dev.flywheel.variant.agent;

import static dev.flywheel.variant.TestData.agent;
import static dev.flywheel.variant.TestData.createAgent;
import static dev.flywheel.variant.TestData.defaultConfig;
import static dev.flywheel.variant.TestData.fullAgent;
import static dev.flywheel.variant.TestData.hasFields;
import static dev.flywheel.variant.TestData.json;
import static dev.flywheel.variant.TestData.unique;
import static dev.flywheel.variant.TestData.with;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AgentResourceTest {

    @Inject
    Pool pool;

    @Test
    void creatingAnAgentAnswers201WithLocationSlugAndTheSpecDefaults() {
        Map<String, Object> body = with(agent(), "name", "Fact Extractor " + UUID.randomUUID().toString().substring(0, 6));
        String slug = body.get("name").toString().toLowerCase().replace(' ', '-');
        Response created = json().body(body).post("/api/agents");
        hasFields(created.then().statusCode(201), defaultConfig())
                .header("Location", endsWith("/api/agents/" + created.path("id")))
                .body("slug", is(slug))
                .body("source", is("user"))
                .body("description", is(""))
                .body("created_at", notNullValue())
                .body("updated_at", notNullValue());

        given().get("/api/agents/{id}", created.<String>path("id")).then().statusCode(200).body("slug", is(slug));
        given().get("/api/agents/by-slug/{slug}", slug).then().statusCode(200).body("id", is(created.<String>path("id")));
    }

    @Test
    void everyConfigFieldSentOnCreationIsKept() {
        Map<String, Object> body = fullAgent();
        String id = createAgent(body);
        body.remove("name");
        hasFields(given().get("/api/agents/{id}", id).then().statusCode(200), body);
    }

    @Test
    void invalidFieldsAnswer400ListingEveryOffendingField() {
        Map<String, Object> body = Map.of("name", "", "temperature", 2.5, "max_tokens", 0, "timeout_seconds", 601,
                "max_retries", 11, "context_window", -1, "input_token_limit", -1, "token_budget", -1);
        json().body(body).post("/api/agents").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("status", is(400))
                .body("errors.field", hasItems("name", "model_name", "temperature", "max_tokens", "timeout_seconds",
                        "max_retries", "context_window", "input_token_limit", "token_budget"));
    }

    @Test
    void theEdgesOfEveryRangeAreAccepted() {
        Map<String, Object> body = with(with(with(with(agent(), "temperature", 2.0), "max_tokens", 1),
                "timeout_seconds", 600), "max_retries", 0);
        json().body(body).post("/api/agents").then().statusCode(201).body("temperature", is(2.0f));
        json().body(with(with(agent(), "timeout_seconds", 1), "max_retries", 10)).post("/api/agents")
                .then().statusCode(201);
    }

    @Test
    void malformedJsonAndWrongTypesAnswer400NotA500() {
        json().body("{\"name\": ").post("/api/agents").then().statusCode(400)
                .contentType(startsWith("application/problem+json"));
        json().body(with(agent(), "temperature", "hot")).post("/api/agents").then().statusCode(400)
                .body("errors.field", hasItem("temperature"));
        json().post("/api/agents").then().statusCode(400);
    }

    @Test
    void aNameWithoutAnyAsciiLetterOrDigitCannotMakeASlug() {
        json().body(with(agent(), "name", "日本語 — ???")).post("/api/agents").then().statusCode(400)
                .body("errors.field", hasItem("name"));
    }

    @Test
    void anInvalidExplicitSlugIsRefused() {
        json().body(with(agent(), "slug", "Not A Slug")).post("/api/agents").then().statusCode(400)
                .body("errors.field", hasItem("slug"));
    }

    @Test
    void aSecondAgentWithTheSameSlugIsAConflict() {
        Map<String, Object> body = agent();
        createAgent(body);
        json().body(with(body, "model_name", "other")).post("/api/agents").then().statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("slug"));
    }

    @Test
    void unknownIdsAndSlugsAnswer404() {
        given().get("/api/agents/{id}", UUID.randomUUID()).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().get("/api/agents/by-slug/{slug}", "no-such-agent-" + UUID.randomUUID()).then().statusCode(404);
        json().body(Map.of("name", "x")).patch("/api/agents/{id}", UUID.randomUUID()).then().statusCode(404);
        given().delete("/api/agents/{id}", UUID.randomUUID()).then().statusCode(404);
        given().get("/api/agents/not-a-uuid").then().statusCode(404);
    }

    @Test
    void patchChangesOnlyTheFieldsSent() {
        String id = createAgent(fullAgent());
        Map<String, Object> before = given().get("/api/agents/{id}", id).then().extract().jsonPath().getMap("");
        json().body(Map.of("temperature", 1.5, "system_prompt", "Be brief.")).patch("/api/agents/{id}", id)
                .then().statusCode(200)
                .body("temperature", is(1.5f))
                .body("system_prompt", is("Be brief."));
        Map<String, Object> after = given().get("/api/agents/{id}", id).then().extract().jsonPath().getMap("");
        for (String field : before.keySet()) {
            if (!List.of("temperature", "system_prompt", "updated_at").contains(field)) {
                assertThat(after.get(field)).as(field).isEqualTo(before.get(field));
            }
        }
    }

    @Test
    void theSamePatchTwiceLeavesTheSameStateAndAnEmptyPatchChangesNothing() {
        String id = createAgent(fullAgent());
        Map<String, Object> patch = Map.of("model_name", "llama3.1", "max_tokens", 1000, "name", unique("Renamed"));
        Map<String, Object> once = json().body(patch).patch("/api/agents/{id}", id).then().statusCode(200)
                .extract().jsonPath().getMap("");
        Map<String, Object> twice = json().body(patch).patch("/api/agents/{id}", id).then().statusCode(200)
                .extract().jsonPath().getMap("");
        assertThat(twice).isEqualTo(once);
        Map<String, Object> empty = json().body(Map.of()).patch("/api/agents/{id}", id).then().statusCode(200)
                .extract().jsonPath().getMap("");
        assertThat(empty).isEqualTo(once);
    }

    @Test
    void patchValidatesTheFieldsItSends() {
        String id = createAgent();
        json().body(Map.of("temperature", -0.1, "max_retries", 99)).patch("/api/agents/{id}", id).then().statusCode(400)
                .body("errors.field", hasItems("temperature", "max_retries"));
        json().body(Map.of("model_name", " ")).patch("/api/agents/{id}", id).then().statusCode(400)
                .body("errors.field", hasItem("model_name"));
        json().body(Map.of("name", "   ")).patch("/api/agents/{id}", id).then().statusCode(400)
                .body("errors.field", hasItem("name"));
    }

    @Test
    void patchingTheSlugToOneInUseIsAConflict() {
        String taken = "taken-" + UUID.randomUUID();
        createAgent(with(agent(), "slug", taken));
        String second = createAgent();
        json().body(Map.of("slug", taken)).patch("/api/agents/{id}", second).then().statusCode(409);
        String fresh = "renamed-" + UUID.randomUUID();
        json().body(Map.of("slug", fresh)).patch("/api/agents/{id}", second).then().statusCode(200).body("slug", is(fresh));
        given().get("/api/agents/by-slug/{slug}", fresh).then().statusCode(200).body("id", is(second));
    }

    @Test
    void deletingAnAgentRemovesIt() {
        String id = createAgent();
        given().delete("/api/agents/{id}", id).then().statusCode(204);
        given().get("/api/agents/{id}", id).then().statusCode(404);
        given().delete("/api/agents/{id}", id).then().statusCode(404);
    }

    @Test
    void aSystemAgentCanBeEditedButDeletingItIsAConflict() {
        UUID id = insertSystemAgent();
        json().body(Map.of("description", "edited")).patch("/api/agents/{id}", id).then().statusCode(200)
                .body("description", is("edited")).body("source", is("system"));
        given().delete("/api/agents/{id}", id).then().statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("system agent"));
        given().get("/api/agents/{id}", id).then().statusCode(200);
    }

    @Test
    void theSeededDefaultAgentIsASystemAgentThatAnswersThroughEcho() {
        given().get("/api/agents/by-slug/default").then().statusCode(200)
                .body("source", is("system"))
                .body("id", is("00000000-0000-0000-0000-000000000001"));
        given().delete("/api/agents/{id}", "00000000-0000-0000-0000-000000000001").then().statusCode(409);
    }

    @Test
    void theListPagesWithAnOpaqueCursorThroughEveryAgentOnce() {
        List<String> mine = List.of(createAgent(), createAgent(), createAgent());
        Response first = given().queryParam("limit", 2).get("/api/agents");
        first.then().statusCode(200).body("items", hasSize(2)).body("next_cursor", notNullValue());
        Response second = given().queryParam("limit", 2).queryParam("cursor", first.<String>path("next_cursor"))
                .get("/api/agents");
        assertThat(second.<List<String>>path("items.id")).doesNotContainAnyElementsOf(first.path("items.id"));

        List<String> all = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("limit", 500);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/api/agents");
            page.then().statusCode(200);
            all.addAll(page.path("items.id"));
            cursor = page.path("next_cursor");
        } while (cursor != null);
        long total = pool.query("select count(*) from agents").execute().await().atMost(Duration.ofSeconds(5))
                .iterator().next().getLong(0);
        assertThat(all).doesNotHaveDuplicates().containsAll(mine).hasSize((int) total);
        assertThat(all.subList(all.size() - 3, all.size())).as("oldest first").containsExactlyElementsOf(mine);
    }

    @Test
    void badPagingParametersAnswer400() {
        given().queryParam("limit", 0).get("/api/agents").then().statusCode(400).body("errors.field", hasItem("limit"));
        given().queryParam("limit", 501).get("/api/agents").then().statusCode(400).body("errors.field", hasItem("limit"));
        given().queryParam("cursor", "garbage!").get("/api/agents").then().statusCode(400)
                .body("errors.field", hasItem("cursor"));
        given().queryParam("limit", "many").get("/api/agents").then().statusCode(400).body("errors.field", hasItem("limit"));
    }

    @Test
    void listsCarryTheTwelveConfigFields() {
        createAgent(fullAgent());
        given().queryParam("limit", 5).get("/api/agents").then().statusCode(200)
                .body("items.model_name", everyItem(notNullValue()))
                .body("items.max_retries", everyItem(notNullValue()));
    }

    private UUID insertSystemAgent() {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("insert into agents (id, name, slug, source, model_name) values ($1, $2, $3, 'system', 'm')")
                .execute(Tuple.of(id, "System " + id, "system-" + id)).await().atMost(Duration.ofSeconds(5));
        return id;
    }
}
