package dev.flywheel.run.preview;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.flywheel.run.support.TestData.json;
import static dev.flywheel.run.support.TestData.resolvedAgent;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** {@code POST /api/templates/render} (SPEC §10): a prompt rendered without running anything, or the error on its line. */
@QuarkusTest
class TemplatePreviewTest {

    @ConfigProperty(name = "wiremock.port")
    int port;

    @Test
    void rendersTheTemplateWithInputAndVars() {
        given().contentType(ContentType.JSON)
                .body(Map.of("template", "{{ question | upper }} about {{ input }}? {{ 'x' in input }}",
                        "input_data", "boxes", "vars", Map.of("question", "what")))
                .post("/api/templates/render")
                .then().statusCode(200)
                .body("output", is("WHAT about boxes? True"));
    }

    @Test
    void theRunsOwnNamesWinOverVarsOfTheSameName() {
        given().contentType(ContentType.JSON)
                .body(Map.of("template", "{{ input }}/{{ stage_index }}/{{ topic }}", "input_data", "real",
                        "vars", Map.of("input", "shadowed", "stage_index", 99, "topic", "t")))
                .post("/api/templates/render")
                .then().statusCode(200)
                .body("output", is("real/0/t"));
    }

    @Test
    void earlierStagesGivePrevOutputAndTheStageIndex() {
        given().contentType(ContentType.JSON)
                .body(Map.of("template", "{{ stage_index }}: {{ prev_output }} ({{ stages | length }})",
                        "stages", List.of(Map.of("output", "one"), Map.of("output", "two"))))
                .post("/api/templates/render")
                .then().statusCode(200)
                .body("output", is("2: two (2)"));
    }

    @Test
    void aTemplateJinja2RefusesIsAProblemNamingTheLine() {
        given().contentType(ContentType.JSON)
                .body(Map.of("template", "Hello\n{{ input | no_such_filter }}"))
                .post("/api/templates/render")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is("template"))
                .body("errors[0].message", is("line 2: No filter named 'no_such_filter'."));
        given().contentType(ContentType.JSON)
                .body(Map.of("template", "{% for x in items %}{{ x }}"))
                .post("/api/templates/render")
                .then().statusCode(400)
                .body("errors[0].message", is("line 1: Unexpected end of template. Jinja was looking for the following"
                        + " tags: 'endfor' or 'else'. The innermost block that needs to be closed is 'for'."));
    }

    @Test
    void aLimitThatIsHitIsAProblemNamingTheLimit() {
        given().contentType(ContentType.JSON)
                .body(Map.of("template", "{% for i in range(100000000) %}.{% endfor %}"))
                .post("/api/templates/render")
                .then().statusCode(400)
                .body("errors[0].message", containsString("exceeds the loop limit"))
                .body("errors[0].message", containsString("run.templates.max-loop-iterations"));
    }

    @Test
    void badRequestsAreProblemsNamingTheField() {
        given().contentType(ContentType.JSON).body(Map.of("template", "x", "vars", List.of(1)))
                .post("/api/templates/render")
                .then().statusCode(400).body("errors[0].field", is("vars"));
        given().contentType(ContentType.JSON).body(Map.of("input_data", "x"))
                .post("/api/templates/render")
                .then().statusCode(400).body("errors[0].field", is("template"));
        given().contentType(ContentType.JSON).body(Map.of("template", "x", "stages", "nope"))
                .post("/api/templates/render")
                .then().statusCode(400).body("errors[0].field", is("stages"));
        given().contentType(ContentType.JSON).body(Map.of("agent_slug", "Not A Slug"))
                .post("/api/templates/render")
                .then().statusCode(400).body("errors[0].field", containsString("agent_slug"));
        given().contentType(ContentType.JSON).body("{\"template\": ")
                .post("/api/templates/render")
                .then().statusCode(400);
    }

    @Test
    void withAnAgentSlugTheAgentsTemplateIsRendered() {
        UUID agentId = UUID.randomUUID();
        String slug = "preview-" + agentId;
        Map<String, Object> config = resolvedAgent(agentId, null);
        config.put("user_prompt_template", "Agent asks: {{ input }} ({{ tone }})");
        new WireMock("localhost", port).register(get(urlEqualTo("/api/agents/by-slug/" + slug + "/resolved-config"))
                .willReturn(okJson(json(config))));

        given().contentType(ContentType.JSON)
                .body(Map.of("agent_slug", slug, "input_data", "why", "vars", Map.of("tone", "dry")))
                .post("/api/templates/render")
                .then().statusCode(200)
                .body("output", is("Agent asks: why (dry)"));
    }
}
