package dev.flywheel.run.run;

import static dev.flywheel.run.support.TestData.marker;
import static dev.flywheel.run.support.TestData.run;
import static dev.flywheel.run.support.TestData.scorer;
import static dev.flywheel.run.support.TestData.with;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import dev.flywheel.run.support.Runs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/runs} filters and sorts server-side and pages every order exactly. */
@QuarkusTest
class RunListTest {

    static String experiment;
    static final List<String> SCORES = List.of("a", "ab", "abc", "abcd");

    /** Four completed runs on two models, three scoring 2/3 and one 1, the faster the later; one failed run. */
    @BeforeEach
    void runs() {
        // Once per class, but inside the test: the application is not listening yet when @BeforeAll runs.
        if (experiment != null) {
            return;
        }
        experiment = Runs.newExperiment();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < SCORES.size(); i++) {
            Map<String, Object> config = with(with(run("list " + i + " " + marker(), "mock:m" + (i % 2)), "params",
                    Map.of("reply", SCORES.get(i), "delay_ms", 40 * (SCORES.size() - i))), "scorers",
                    List.of(scorer("contains", "has", "values", SCORES, "mode", "any"),
                            scorer("contains", "all", "values", SCORES, "mode", "all"),
                            scorer("length", "long", "min", i + 1)));
            ids.add(Runs.submit(experiment, config));
        }
        ids.add(Runs.submit(experiment, run("list failing " + marker(), "mock:fail")));
        ids.forEach(Runs::awaitFinished);
    }

    @Test
    void filtersByStatusModelAndScoreRange() {
        assertThat(list("status", "failed").getList("items.model")).containsExactly("mock:fail");
        assertThat(list("model", "mock:m1").getList("items.model")).containsExactly("mock:m1", "mock:m1");
        List<Float> scores = list("min_score", "0.5", "max_score", "0.99").getList("items.mean_score");
        assertThat(scores).hasSize(3).allSatisfy(score -> assertThat(score).isBetween(0.5f, 0.99f));
        assertThat(list("min_latency_ms", "0", "max_latency_ms", "3600000").getList("items")).hasSize(5);
        assertThat(list("min_score", "1.0").getList("items.mean_score")).containsExactly(1.0f);
    }

    @Test
    void sortsByScoreEitherWayWithRunsWithoutAScoreLast() {
        List<Float> descending = list("sort", "score", "order", "desc").getList("items.mean_score");
        List<Float> ascending = list("sort", "score", "order", "asc").getList("items.mean_score");

        assertThat(descending).hasSize(5).endsWith((Float) null);
        assertThat(descending.subList(0, 4)).isSortedAccordingTo((a, b) -> Float.compare(b, a));
        assertThat(ascending).hasSize(5).endsWith((Float) null);
        assertThat(ascending.subList(0, 4)).isSorted();
    }

    @Test
    void sortsByLatency() {
        List<Integer> ascending = list("sort", "latency", "order", "asc", "status", "completed").getList("items.duration_ms");

        assertThat(ascending).hasSize(4).isSorted();
    }

    @Test
    void pagesASortedListWithoutLosingOrRepeatingARun() {
        for (String sort : List.of("score", "latency", "created_at")) {
            for (String order : List.of("asc", "desc")) {
                List<String> whole = list("sort", sort, "order", order).getList("items.id");
                List<String> paged = new ArrayList<>();
                String cursor = null;
                do {
                    JsonPath page = given().queryParam("experiment_id", experiment).queryParam("sort", sort)
                            .queryParam("order", order).queryParam("limit", 2)
                            .queryParams(cursor == null ? Map.of() : Map.of("cursor", cursor))
                            .get("/api/runs").then().statusCode(200).extract().jsonPath();
                    paged.addAll(page.getList("items.id"));
                    cursor = page.getString("next_cursor");
                } while (cursor != null);
                assertThat(paged).as(sort + " " + order).isEqualTo(whole).hasSize(5);
            }
        }
    }

    @Test
    void listedRunsShowWhatWasRun() {
        JsonPath page = list("status", "failed");

        assertThat(page.getString("items[0].prompt")).startsWith("list failing");
        assertThat(page.getList("items[0].overridden_fields")).isEmpty();
    }

    @Test
    void badParametersAre400sNamingThem() {
        for (String[] bad : List.of(new String[] { "sort", "tokens" }, new String[] { "order", "sideways" },
                new String[] { "min_score", "x" }, new String[] { "max_latency_ms", "-5" },
                new String[] { "experiment_id", "abc" }, new String[] { "agent_id", "abc" })) {
            given().queryParam(bad[0], bad[1]).get("/api/runs").then().statusCode(400)
                    .contentType(startsWith("application/problem+json")).body("errors.field", hasItem(bad[0]));
        }
        String timeCursor = given().queryParam("experiment_id", experiment).queryParam("limit", 1).get("/api/runs").then()
                .statusCode(200).extract().path("next_cursor");
        given().queryParam("sort", "score").queryParam("cursor", timeCursor).get("/api/runs").then().statusCode(400)
                .body("errors.field", hasItem("cursor"));
    }

    private static JsonPath list(String... parameters) {
        var request = given().queryParam("experiment_id", experiment);
        for (int i = 0; i < parameters.length; i += 2) {
            request = request.queryParam(parameters[i], parameters[i + 1]);
        }
        return request.get("/api/runs").then().statusCode(200).extract().jsonPath();
    }
}
