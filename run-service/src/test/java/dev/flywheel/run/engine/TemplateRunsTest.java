package dev.flywheel.run.engine;

import static dev.flywheel.run.support.TestData.json;
import static dev.flywheel.run.support.TestData.pipeline;
import static dev.flywheel.run.support.TestData.resolvedAgent;
import static dev.flywheel.run.support.TestData.run;
import static dev.flywheel.run.support.TestData.stage;
import static dev.flywheel.run.support.TestData.with;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.flywheel.run.support.Runs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Templates in runs (SPEC §10): vars in every kind of run, Jinja2's output, and loud failures naming the stage. */
@QuarkusTest
class TemplateRunsTest {

    @ConfigProperty(name = "wiremock.port")
    int port;

    @Test
    void varsAreTopLevelTemplateVariablesOfASingleRun() {
        JsonPath run = Runs.execute(with(run("Q: {{ question }} [{{ tags | join(', ') }}] {{ flag }}", "echo:any"),
                "vars", Map.of("question", "why?", "tags", List.of("a", "b"), "flag", true)));

        assertThat(run.getString("status")).isEqualTo("completed");
        assertThat(run.getString("stages[0].prompt_sent")).isEqualTo("Q: why? [a, b] True");
    }

    @Test
    void varsReachEveryStageOfAPipeline() {
        JsonPath run = Runs.execute(with(pipeline("in", stage("{{ lang }}: {{ input }}", "echo:any"),
                stage("{{ lang }} again: {{ prev_output }}", "echo:any")), "vars", Map.of("lang", "fr")));

        assertThat(run.getString("stages[0].prompt_sent")).isEqualTo("fr: in");
        assertThat(run.getString("stages[1].prompt_sent")).isEqualTo("fr again: fr: in");
    }

    @Test
    void varsApplyToEveryRunOfABatch() {
        String experiment = Runs.newExperiment();
        List<String> ids = given().contentType(ContentType.JSON)
                .body(Map.of("prompts", List.of("{{ who }} says {{ input }}"), "models", List.of("echo:any"),
                        "inputs", List.of("hi", "bye"), "vars", Map.of("who", "Ada")))
                .post("/api/experiments/{id}/runs:batch", experiment)
                .then().statusCode(202).extract().path("run_ids");

        assertThat(ids).hasSize(2);
        assertThat(ids.stream().map(id -> Runs.awaitFinished(id).getString("stages[0].prompt_sent")))
                .containsExactlyInAnyOrder("Ada says hi", "Ada says bye");
    }

    @Test
    void varsReachTheTemplateOfAnAgentLinkedRun() {
        UUID agentId = UUID.randomUUID();
        Map<String, Object> config = resolvedAgent(agentId, null);
        config.put("user_prompt_template", "{{ persona }} answers {{ input }}");
        new WireMock("localhost", port).register(WireMock.get(WireMock.urlEqualTo("/api/agents/" + agentId
                + "/resolved-config")).willReturn(WireMock.okJson(json(config))));

        JsonPath run = Runs.execute(Map.of("agent_id", agentId.toString(), "input_data", "x",
                "vars", Map.of("persona", "A pirate")));

        assertThat(run.getString("stages[0].prompt_sent")).isEqualTo("A pirate answers x");
    }

    @Test
    void varsThatAreNotAnObjectAreRefused() {
        String experiment = Runs.newExperiment();
        for (Object vars : List.of(List.of("a"), "text", 3)) {
            given().contentType(ContentType.JSON).body(with(run("x", "echo:any"), "vars", vars))
                    .post("/api/experiments/{id}/runs", experiment)
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", is("vars"));
        }
        given().contentType(ContentType.JSON)
                .body(Map.of("prompts", List.of("x"), "vars", List.of(1)))
                .post("/api/experiments/{id}/runs:batch", experiment)
                .then().statusCode(400).body("errors[0].field", is("vars"));
    }

    @Test
    void anUnknownFilterFailsTheRunNamingStageLineAndFilter() {
        JsonPath run = Runs.execute(pipeline("x", stage("fine", "echo:any"),
                stage("ok\n{{ input | no_such_filter }}", "echo:any")));

        assertThat(run.getString("status")).isEqualTo("failed");
        assertThat(run.getString("error")).isEqualTo("stages[1]: line 2: No filter named 'no_such_filter'.");
    }

    @Test
    void aStrayEndTagFailsTheRun() {
        JsonPath run = Runs.execute(run("Hello {% endif %}", "echo:any"));

        assertThat(run.getString("status")).isEqualTo("failed");
        assertThat(run.getString("error")).isEqualTo("stages[0]: line 1: Encountered unknown tag 'endif'.");
    }

    @Test
    void aHugeLoopFailsTheRunNamingTheLimitInsteadOfBeingCut() {
        JsonPath run = Runs.execute(run("{% for i in range(100000000) %}.{% endfor %}", "echo:any"));

        assertThat(run.getString("status")).isEqualTo("failed");
        assertThat(run.getString("error")).isEqualTo("stages[0]: line 1: range of 100000000 items exceeds the loop"
                + " limit of 100000 iterations (run.templates.max-loop-iterations)");
    }

    @Test
    void valuesPrintAsPythonPrintsThem() {
        Map<String, Object> vars = new java.util.LinkedHashMap<>();
        vars.put("n", 3);
        vars.put("d", Map.of("k", java.util.Arrays.asList(1, null)));
        JsonPath run = Runs.execute(with(with(run("{{ x is defined }} {{ 'a' in input }} {{ input.split() }} {{ n / 2 }}"
                + " {{ none }} {{ d }}", "echo:any"), "input_data", "a b"), "vars", vars));

        assertThat(run.getString("stages[0].prompt_sent")).isEqualTo("False True ['a', 'b'] 1.5 None {'k': [1, None]}");
    }
}
